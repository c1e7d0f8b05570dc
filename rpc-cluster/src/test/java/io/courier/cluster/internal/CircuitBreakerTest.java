package io.courier.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.cluster.CircuitBreakerOptions;
import io.courier.cluster.CircuitBreakers;
import io.courier.cluster.CircuitState;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.EndpointLease;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Greeter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers of the cluster's per-endpoint invoker ({@link InstanceCandidate}), on a fake
 * clock, with ejection off so that only the breakers decide.
 */
class CircuitBreakerTest {

    private static final Endpoint INSTANCE = Endpoint.of("127.0.0.1", 20880);
    private static final Invocation ECHO = Calls.of(Greeter.HELLO, "x");
    private static final MethodDescriptor ECHO_METHOD = Greeter.HELLO;
    private static final MethodDescriptor WORK_METHOD = Greeter.READ;

    private final FakeTicker ticker = new FakeTicker();
    private final FakeInstance instance = new FakeInstance();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CircuitBreakers.class);

    @BeforeEach
    void setUp() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
    }

    @Test
    void opensAfterItsThreshold_failsFastWhileOpen_probesAfterTheWait_andClosesWhenTheInstanceRecovers() {
        CircuitBreakers breakers = breakers(b -> b);
        Breaking invoker = decorate(breakers, INSTANCE, instance);

        instance.failWith(ErrorCode.TIMEOUT);
        for (int i = 0; i < 4; i++) {
            assertThat(Outcome.of(invoker.invoke(ECHO)).rpcFailure().code()).isEqualTo(ErrorCode.TIMEOUT);
        }
        assertThat(invoker.state(ECHO_METHOD)).as("below minimum calls").isEqualTo(CircuitState.CLOSED);
        Outcome.of(invoker.invoke(ECHO));
        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);

        int reachedBefore = instance.calls.get();
        for (int i = 0; i < 10; i++) {
            RpcException refusal = Outcome.of(invoker.invoke(ECHO)).rpcFailure();
            assertThat(refusal.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
            assertThat(refusal.notExecuted()).isTrue();
            assertThat(refusal.getMessage()).contains("127.0.0.1:20880", "hello(java.lang.String)");
        }
        assertThat(instance.calls).as("no call reaches an open instance").hasValue(reachedBefore);

        advanceMillis(999);
        assertThat(Outcome.of(invoker.invoke(ECHO)).rpcFailure().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        advanceMillis(1);

        instance.succeed();
        assertThat(Outcome.of(invoker.invoke(ECHO)).ok()).isTrue();
        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(Outcome.of(invoker.invoke(ECHO)).ok()).isTrue();
        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.CLOSED);
        assertThat(instance.calls).hasValue(reachedBefore + 2);

        assertThat(breakers.transitions(CircuitState.OPEN)).isEqualTo(1);
        assertThat(breakers.transitions(CircuitState.HALF_OPEN)).isEqualTo(1);
        assertThat(breakers.transitions(CircuitState.CLOSED)).isEqualTo(1);
        assertThat(logs.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .anySatisfy(event -> {
                    assertThat(event.toList().get(0)).isEqualTo(Level.WARN);
                    assertThat((String) event.toList().get(1))
                            .contains("CLOSED -> OPEN", "failure rate 100%", "127.0.0.1:20880");
                })
                .anySatisfy(event -> assertThat((String) event.toList().get(1)).contains("OPEN -> HALF_OPEN"))
                .anySatisfy(event -> assertThat((String) event.toList().get(1)).contains("HALF_OPEN -> CLOSED"));
    }

    @Test
    void halfOpen_letsOnlyTheConfiguredProbesThrough_andReopensWhenTheyFail() {
        Breaking invoker = decorate(breakers(b -> b), INSTANCE, instance);
        instance.failWith(ErrorCode.NETWORK);
        for (int i = 0; i < 5; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }
        advanceMillis(1_000);

        instance.hang();
        assertThat(invoker.available(ECHO_METHOD))
                .as("half-open: probes to hand out")
                .isTrue();
        CompletableFuture<RpcResult> first = invoker.invoke(ECHO);
        CompletableFuture<RpcResult> second = invoker.invoke(ECHO);
        assertThat(invoker.available(ECHO_METHOD))
                .as("every probe handed out: a router must not choose it")
                .isFalse();
        RpcException third = Outcome.of(invoker.invoke(ECHO)).rpcFailure();
        assertThat(third.code()).as("only two probes at a time").isEqualTo(ErrorCode.CIRCUIT_OPEN);

        instance.complete(new RpcException(ErrorCode.TIMEOUT, "still down"));
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void slowCallRate_opensTheCircuit_evenWhenEveryCallSucceeds() {
        Breaking invoker = decorate(breakers(b -> b.slowCallMillis(100).slowCallRateThreshold(60)), INSTANCE, instance);
        instance.hang();

        for (int i = 0; i < 5; i++) {
            CompletableFuture<RpcResult> call = invoker.invoke(ECHO);
            advanceMillis(i < 3 ? 150 : 10);
            instance.complete(null);
            assertThat(Outcome.of(call).ok()).isTrue();
        }

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void policyRefusalsAndBusinessExceptions_doNotCountAsFailures_byDefault() {
        Breaking invoker = decorate(breakers(b -> b), INSTANCE, instance);

        instance.failWith(ErrorCode.RATE_LIMITED);
        for (int i = 0; i < 10; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }
        instance.throwBusiness();
        for (int i = 0; i < 10; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void businessExceptions_countWhenConfigured() {
        Breaking invoker = decorate(breakers(b -> b.businessExceptionsFail(true)), INSTANCE, instance);
        instance.throwBusiness();

        for (int i = 0; i < 5; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void timeWindow_forgetsFailuresOlderThanTheWindow() {
        Breaking invoker = decorate(breakers(b -> b.timeWindow(true).windowSize(10)), INSTANCE, instance);

        instance.failWith(ErrorCode.TIMEOUT);
        for (int i = 0; i < 4; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }
        ticker.advance(Duration.ofSeconds(11));
        Outcome.of(invoker.invoke(ECHO));
        assertThat(invoker.state(ECHO_METHOD))
                .as("only one failure in the window")
                .isEqualTo(CircuitState.CLOSED);

        for (int i = 0; i < 4; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }
        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void breakers_arePerInstanceAndPerMethod() {
        CircuitBreakers breakers = breakers(b -> b);
        FakeInstance other = new FakeInstance();
        Breaking failing = decorate(breakers, INSTANCE, instance);
        Breaking healthy = decorate(breakers, Endpoint.of("127.0.0.1", 20881), other);
        instance.failWith(ErrorCode.TIMEOUT);

        for (int i = 0; i < 5; i++) {
            Outcome.of(failing.invoke(ECHO));
        }

        assertThat(failing.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
        assertThat(failing.state(WORK_METHOD)).isEqualTo(CircuitState.CLOSED);
        assertThat(healthy.state(ECHO_METHOD)).isEqualTo(CircuitState.CLOSED);
        assertThat(Outcome.of(healthy.invoke(ECHO)).ok()).isTrue();
    }

    @Test
    void openCircuit_makesItsMethodUnavailableOnItsInstance_untilTheOpenPeriodEnds() {
        Breaking invoker = decorate(breakers(b -> b), INSTANCE, instance);
        MethodDescriptor work = WORK_METHOD;
        assertThat(invoker.available(ECHO_METHOD)).isTrue();

        instance.failWith(ErrorCode.TIMEOUT);
        for (int i = 0; i < 5; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
        assertThat(invoker.available(ECHO_METHOD)).isFalse();
        assertThat(invoker.available(work))
                .as("other methods keep their own breaker")
                .isTrue();
        assertThat(invoker.available()).as("the instance itself is reachable").isTrue();
        advanceMillis(999);
        assertThat(invoker.available(ECHO_METHOD)).isFalse();
        advanceMillis(1);
        assertThat(invoker.available(ECHO_METHOD)).as("a probe may go").isTrue();
        assertThat(invoker.state(ECHO_METHOD)).as("asking changes nothing").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void availability_passesTheInstanceInvokersOwnThrough() {
        Breaking invoker = decorate(breakers(b -> b), INSTANCE, instance);

        instance.unreachable = true;

        assertThat(invoker.available()).isFalse();
        assertThat(invoker.available(ECHO_METHOD)).isFalse();
    }

    @Test
    void disabled_leavesTheEndpointsInvokerWithoutBreakers() {
        Breaking invoker = decorate(null, INSTANCE, instance);
        instance.failWith(ErrorCode.TIMEOUT);

        for (int i = 0; i < 20; i++) {
            assertThat(Outcome.of(invoker.invoke(ECHO)).rpcFailure().code()).isEqualTo(ErrorCode.TIMEOUT);
        }
        assertThat(invoker.state(ECHO_METHOD)).isNull();
        assertThat(instance.calls).hasValue(20);
    }

    @Test
    void perMethodSettings_overrideTheServiceDefaults() {
        Breaking invoker = decorate(
                CircuitBreakers.of(
                        Greeter.KEY,
                        Greeter.DESCRIPTOR.methods(),
                        method -> base(method == ECHO_METHOD ? b -> b.minimumCalls(2) : b -> b),
                        (method, endpoint, from, to) -> {}),
                INSTANCE,
                instance);
        instance.failWith(ErrorCode.TIMEOUT);

        Outcome.of(invoker.invoke(ECHO));
        Outcome.of(invoker.invoke(ECHO));

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    private static CircuitBreakers breakers(UnaryOperator<CircuitBreakerOptions.Builder> overrides) {
        return CircuitBreakers.of(
                Greeter.KEY,
                Greeter.DESCRIPTOR.methods(),
                method -> base(overrides),
                (method, endpoint, from, to) -> {});
    }

    /** The test's defaults: a window of 10 calls judged from 5, open for 1 s, 2 probes. */
    private static CircuitBreakerOptions base(UnaryOperator<CircuitBreakerOptions.Builder> overrides) {
        return overrides
                .apply(CircuitBreakerOptions.builder()
                        .windowSize(10)
                        .minimumCalls(5)
                        .openMillis(1000)
                        .halfOpenCalls(2))
                .build();
    }

    /** {@code target} at {@code endpoint} as the cluster calls it: leased, with the reference's breakers. */
    private Breaking decorate(CircuitBreakers breakers, Endpoint endpoint, Invoker target) {
        EndpointLease lease = new EndpointLease(endpoint, target, null, breakers, () -> {});
        ClusterOptions noEjection =
                ClusterOptions.builder().ejectionMillis(0).maxEjectionMillis(0).build();
        return new Breaking(new InstanceCandidate(
                ServiceInstance.builder(Greeter.KEY, endpoint).build(), lease, ticker, noEjection));
    }

    /** The per-endpoint invoker under test, with the breaker's state in view. */
    private record Breaking(InstanceCandidate candidate) {
        CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return candidate.invoker().invoke(invocation);
        }

        boolean available() {
            return candidate.available();
        }

        boolean available(MethodDescriptor method) {
            return candidate.available(method);
        }

        CircuitState state(MethodDescriptor method) {
            return candidate.breakerState(method);
        }
    }

    /** Waits for a call and tells how it ended. */
    private record Outcome(RpcResult result, Throwable failure) {
        static Outcome of(CompletableFuture<RpcResult> call) {
            try {
                return new Outcome(call.get(10, TimeUnit.SECONDS), null);
            } catch (ExecutionException e) {
                return new Outcome(null, RpcException.unwrap(e));
            } catch (Exception e) {
                throw new AssertionError("the call did not complete", e);
            }
        }

        boolean ok() {
            return failure == null;
        }

        RpcException rpcFailure() {
            if (!(failure instanceof RpcException rpc)) {
                throw new AssertionError("expected an RpcException, got " + (failure == null ? result : failure));
            }
            return rpc;
        }
    }

    private void advanceMillis(long millis) {
        ticker.advance(Duration.ofMillis(millis));
    }

    /** A provider instance whose behaviour the test switches. */
    static final class FakeInstance implements Invoker {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean unreachable;
        private volatile ErrorCode failure;
        private volatile boolean business;
        private volatile boolean hanging;
        private final java.util.List<CompletableFuture<RpcResult>> pending =
                new java.util.concurrent.CopyOnWriteArrayList<>();

        void failWith(ErrorCode code) {
            failure = code;
            business = false;
            hanging = false;
        }

        void succeed() {
            failure = null;
            business = false;
            hanging = false;
        }

        void throwBusiness() {
            failure = null;
            business = true;
            hanging = false;
        }

        void hang() {
            hanging = true;
        }

        /** Completes every hanging call: with {@code error}, or successfully when it is null. */
        void complete(RpcException error) {
            for (CompletableFuture<RpcResult> call : pending) {
                if (error == null) {
                    call.complete(RpcResult.of("late"));
                } else {
                    call.completeExceptionally(error);
                }
            }
            pending.clear();
        }

        @Override
        public boolean available() {
            return !unreachable;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            calls.incrementAndGet();
            if (hanging) {
                CompletableFuture<RpcResult> call = new CompletableFuture<>();
                pending.add(call);
                return call;
            }
            if (failure != null) {
                return CompletableFuture.failedFuture(new RpcException(failure, "fake " + failure));
            }
            if (business) {
                return CompletableFuture.completedFuture(RpcResult.ofException(new IllegalStateException("business")));
            }
            return CompletableFuture.completedFuture(RpcResult.of("ok"));
        }
    }
}
