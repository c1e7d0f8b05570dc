package io.courier.cluster.strategy;

import io.courier.api.Candidate;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/** Starts one attempt on one candidate, turning a contract-breaking invoker into a failed future. */
final class Attempts {

    private Attempts() {}

    static CompletableFuture<RpcResult> start(Candidate candidate, Invocation invocation) {
        try {
            CompletableFuture<RpcResult> future = candidate.invoker().invoke(invocation);
            if (future != null) {
                return future;
            }
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.UNKNOWN, "The invoker of " + candidate.instance().endpoint() + " returned no future"));
        } catch (RuntimeException e) {
            // An invoker that throws may already have sent the request: treat it as possibly executed.
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.UNKNOWN, "The invoker of " + candidate.instance().endpoint() + " threw " + e, e));
        }
    }
}
