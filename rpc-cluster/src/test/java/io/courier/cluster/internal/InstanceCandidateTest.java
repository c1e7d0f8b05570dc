package io.courier.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.EndpointLease;
import io.courier.cluster.Reachability;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Futures;
import io.courier.cluster.testing.Greeter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstanceCandidateTest {

    private final FakeTicker ticker = new FakeTicker();
    private final PendingInvoker target = new PendingInvoker();
    private final InstanceCandidate candidate = new InstanceCandidate(instance(), target, ticker);
    private final Invocation call = Calls.of(Greeter.HELLO, "x");

    @Test
    void inFlight_countsCallsUntilTheyAreAnswered() {
        CompletableFuture<RpcResult> first = candidate.invoker().invoke(call);
        CompletableFuture<RpcResult> second = candidate.invoker().invoke(call);
        assertThat(candidate.inFlight()).isEqualTo(2);

        target.answer(RpcResult.of("a"));
        assertThat(first).isCompletedWithValueMatching(result -> "a".equals(result.value()));
        assertThat(candidate.inFlight()).isEqualTo(1);

        target.fail(new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        assertThat(second).isCompletedExceptionally();
        assertThat(candidate.inFlight()).isZero();
    }

    @Test
    void endpointLease_isCalledThrough_recordsReachability_andIsGivenBackOnceOnClose() {
        Endpoint endpoint = instance().endpoint();
        Reachability reachability = new Reachability();
        AtomicInteger released = new AtomicInteger();
        EndpointLease lease = new EndpointLease(endpoint, target, reachability, released::incrementAndGet);
        InstanceCandidate leased = new InstanceCandidate(instance(), lease, ticker);

        CompletableFuture<RpcResult> answer = leased.invoker().invoke(call);
        target.fail(new RpcException(ErrorCode.CONNECT_FAILED, "refused"));

        assertThat(answer).isCompletedExceptionally();
        assertThat(reachability.reachable(endpoint))
                .as("the lease's reachability saw the failure")
                .isFalse();
        leased.invoker().invoke(call);
        target.answer(RpcResult.of("back"));
        assertThat(reachability.reachable(endpoint))
                .as("the success was recorded too: called once, and no connection is open now")
                .isFalse();

        leased.close();
        leased.close();
        assertThat(released).hasValue(1);
        assertThat(target.closes)
                .as("the lease, not the transport invoker, is closed")
                .hasValue(0);
    }

    @Test
    void latencyAverage_isAnExponentialMovingAverageOfAnswers() {
        answerAfter(Duration.ofMillis(10));
        assertThat(candidate.averageLatencyNanos()).isEqualTo(10_000_000);

        answerAfter(Duration.ofMillis(20));
        assertThat(candidate.averageLatencyNanos()).isEqualTo(12_500_000);
    }

    @Test
    void timeout_countsAsLatency_butRefusalsDoNot() {
        candidate.invoker().invoke(call);
        ticker.advance(Duration.ofMillis(3));
        target.fail(new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        assertThat(candidate.averageLatencyNanos()).isZero();

        candidate.invoker().invoke(call);
        ticker.advance(Duration.ofMillis(500));
        target.fail(new RpcException(ErrorCode.TIMEOUT, "timeout"));
        assertThat(candidate.averageLatencyNanos()).isEqualTo(500_000_000);
    }

    @Test
    void failure_reachesTheCallerUnwrapped() {
        RpcException busy = new RpcException(ErrorCode.SERVER_BUSY, "busy");
        CompletableFuture<RpcResult> answer = candidate.invoker().invoke(call);
        target.fail(busy);

        assertThat(Futures.failure(answer)).isSameAs(busy);
    }

    @Test
    void connectionFailure_ejectsForOneSecond_doublingWhileFailuresRepeat() {
        failWith(new RpcException(ErrorCode.NETWORK, true, "refused", null));
        assertThat(candidate.available()).isFalse();
        ticker.advance(Duration.ofMillis(999));
        assertThat(candidate.available()).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(candidate.available()).isTrue();

        failWith(new RpcException(ErrorCode.CONNECT_FAILED, "refused"));
        ticker.advance(Duration.ofMillis(1_999));
        assertThat(candidate.available()).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(candidate.available()).isTrue();

        answerAfter(Duration.ofMillis(1));
        failWith(new RpcException(ErrorCode.GOING_AWAY, "bye"));
        ticker.advance(Duration.ofSeconds(1));
        assertThat(candidate.available()).as("an answer ends the series").isTrue();
    }

    @Test
    void fiveConsecutiveRefusals_eject_butAnAnswerInBetweenResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            failWith(new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        }
        answerAfter(Duration.ofMillis(1));
        for (int i = 0; i < 4; i++) {
            failWith(new RpcException(ErrorCode.RATE_LIMITED, "slow down"));
        }
        assertThat(candidate.available()).isTrue();

        failWith(new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        assertThat(candidate.available()).isFalse();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(candidate.available()).isTrue();

        failWith(new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        assertThat(candidate.available()).as("the probe was refused again").isFalse();
    }

    @Test
    void failuresOfCallsAlreadyInFlight_doNotExtendTheEjection() {
        for (int i = 0; i < 16; i++) {
            candidate.invoker().invoke(call);
        }
        for (int i = 0; i < 16; i++) {
            target.fail(new RpcException(ErrorCode.NETWORK, false, "connection lost", null));
        }

        ticker.advance(Duration.ofSeconds(1));
        assertThat(candidate.available()).isTrue();
    }

    @Test
    void ejection_ofProbesThatKeepFailing_isCappedAtThirtySeconds() {
        for (int i = 0; i < 10; i++) {
            failWith(new RpcException(ErrorCode.NETWORK, true, "refused", null));
            ticker.advance(Duration.ofSeconds(31));
        }
        failWith(new RpcException(ErrorCode.NETWORK, true, "refused", null));

        ticker.advance(Duration.ofMillis(29_999));
        assertThat(candidate.available()).isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(candidate.available()).isTrue();
    }

    @Test
    void invokerThatThrows_becomesAFailureThatMayHaveExecuted() {
        InstanceCandidate throwing = new InstanceCandidate(
                instance(),
                invocation -> {
                    throw new IllegalStateException("boom");
                },
                ticker);

        CompletableFuture<RpcResult> answer = throwing.invoker().invoke(call);

        assertThat(Futures.failure(answer))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
                    assertThat(e.notExecuted()).isFalse();
                })
                .hasMessageContaining("boom");
        assertThat(throwing.inFlight()).isZero();
    }

    @Test
    void retire_closesTheInvokerOnceItsCallsAreAnswered() {
        candidate.invoker().invoke(call);
        candidate.retire();
        assertThat(target.closes).hasValue(0);

        target.answer(RpcResult.of("late"));
        assertThat(target.closes).hasValue(1);
        candidate.close();
        assertThat(target.closes).hasValue(1);
    }

    @Test
    void retire_withNothingInFlight_closesAtOnce() {
        candidate.retire();

        assertThat(target.closes).hasValue(1);
    }

    @Test
    void weightOverride_isClampedAndRemovable() {
        candidate.overrideWeight(50_000);
        assertThat(candidate.weight()).isEqualTo(10_000);
        candidate.overrideWeight(-3);
        assertThat(candidate.weight()).isEqualTo(1);
        candidate.overrideWeight(null);
        assertThat(candidate.weight()).isEqualTo(ServiceInstance.DEFAULT_WEIGHT);
    }

    private void answerAfter(Duration latency) {
        candidate.invoker().invoke(call);
        ticker.advance(latency);
        target.answer(RpcResult.of(null));
    }

    @Test
    void configuredEjection_usesItsDurationCapAndRefusalCount() {
        ClusterOptions options = ClusterOptions.builder()
                .ejectionMillis(200)
                .maxEjectionMillis(300)
                .refusalsBeforeEjection(2)
                .build();
        InstanceCandidate configured = new InstanceCandidate(instance(), target, ticker, options);

        fail(configured, new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        assertThat(configured.available()).isTrue();
        fail(configured, new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        assertThat(configured.available()).as("second refusal in a row").isFalse();
        ticker.advance(Duration.ofMillis(200));
        assertThat(configured.available()).isTrue();

        fail(configured, new RpcException(ErrorCode.NETWORK, true, "refused", null));
        ticker.advance(Duration.ofMillis(299));
        assertThat(configured.available()).as("400 ms capped at 300").isFalse();
        ticker.advance(Duration.ofMillis(1));
        assertThat(configured.available()).isTrue();
    }

    @Test
    void zeroEjection_neverEjects() {
        InstanceCandidate configured = new InstanceCandidate(
                instance(),
                target,
                ticker,
                ClusterOptions.builder().ejectionMillis(0).build());

        fail(configured, new RpcException(ErrorCode.NETWORK, true, "refused", null));
        for (int i = 0; i < 10; i++) {
            fail(configured, new RpcException(ErrorCode.SERVER_BUSY, "busy"));
        }

        assertThat(configured.available()).isTrue();
    }

    private void fail(InstanceCandidate which, RpcException failure) {
        which.invoker().invoke(call);
        target.fail(failure);
    }

    private void failWith(RpcException failure) {
        candidate.invoker().invoke(call);
        target.fail(failure);
    }

    private static ServiceInstance instance() {
        return ServiceInstance.builder(Greeter.KEY, Endpoint.of("10.0.0.1", 20880))
                .build();
    }

    /** Holds calls until the test answers them, oldest first; counts closes. */
    private static final class PendingInvoker implements Invoker, AutoCloseable {
        final Deque<CompletableFuture<RpcResult>> pending = new ArrayDeque<>();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            CompletableFuture<RpcResult> future = new CompletableFuture<>();
            pending.add(future);
            return future;
        }

        void answer(RpcResult result) {
            pending.removeFirst().complete(result);
        }

        void fail(Throwable failure) {
            pending.removeFirst().completeExceptionally(failure);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
