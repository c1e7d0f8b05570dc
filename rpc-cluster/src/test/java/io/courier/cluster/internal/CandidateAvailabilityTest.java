package io.courier.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Greeter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A candidate is available only while it is not ejected and its transport can reach it. */
class CandidateAvailabilityTest {

    private final FakeTicker ticker = new FakeTicker();
    private final Reachable target = new Reachable();
    private final InstanceCandidate candidate = new InstanceCandidate(
            ServiceInstance.builder(Greeter.KEY, Endpoint.of("10.0.0.1", 20880)).build(), target, ticker);
    private final Invocation call = Calls.of(Greeter.HELLO, "x");

    @Test
    void followsTheTransport_withoutAnyCall() {
        assertThat(candidate.available()).isTrue();

        target.reachable = false;
        assertThat(candidate.available()).isFalse();

        target.reachable = true;
        assertThat(candidate.available()).isTrue();
    }

    @Test
    void afterTheEjectionEnds_staysOutWhileTheTransportCannotReachTheInstance() {
        target.failure = new RpcException(ErrorCode.NETWORK, "connection reset");
        candidate.invoker().invoke(call);
        target.reachable = false;

        ticker.advance(Duration.ofSeconds(5));

        assertThat(candidate.available())
                .as("ejection over, transport still reconnecting")
                .isFalse();
        target.reachable = true;
        assertThat(candidate.available()).isTrue();
    }

    /** Fails or answers at once, and reports what the test says about reachability. */
    private static final class Reachable implements Invoker {
        volatile boolean reachable = true;
        volatile RpcException failure;

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return failure == null
                    ? CompletableFuture.completedFuture(RpcResult.of(null))
                    : CompletableFuture.failedFuture(failure);
        }

        @Override
        public boolean available() {
            return reachable;
        }
    }
}
