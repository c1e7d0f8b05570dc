package io.courier.cluster.strategy;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.spi.Extension;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code failsafe}: one attempt; a framework failure is logged (WARN) and the call answers an empty
 * result ({@code null}, or zero/false for a primitive return type). For calls whose failure must
 * never reach the caller, such as audit logging. A business exception is an answer and reaches the
 * caller unchanged.
 */
@Extension("failsafe")
public final class FailsafeCluster implements Cluster {

    private static final Logger log = LoggerFactory.getLogger(FailsafeCluster.class);

    @Override
    public Invoker join(CandidateSelector selector) {
        Invoker once = new RetryingInvoker(selector, null, 0, "failsafe does not retry");
        return invocation -> swallow(once, invocation);
    }

    private static CompletableFuture<RpcResult> swallow(Invoker once, Invocation invocation) {
        return once.invoke(invocation).handle((answer, failure) -> {
            if (failure == null) {
                return answer;
            }
            log.warn(
                    "failsafe: ignoring a failure, answering an empty result: {}",
                    RpcException.unwrap(failure).getMessage());
            return EmptyResult.of(invocation.method());
        });
    }
}
