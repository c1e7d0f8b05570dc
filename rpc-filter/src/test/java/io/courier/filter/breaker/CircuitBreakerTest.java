package io.courier.filter.breaker;

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
import io.courier.filter.Echo;
import io.courier.filter.FakeTicker;
import io.courier.filter.Fixtures;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.filter.Ticker;
import io.courier.spi.Side;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CircuitBreakerTest {

    private static final Endpoint INSTANCE = Endpoint.of("127.0.0.1", 20880);
    private static final Invocation ECHO = Fixtures.call(Echo.class, "echo", "x");
    private static final MethodDescriptor ECHO_METHOD = Fixtures.method(Echo.class, "echo");

    private final SharedObjects shared = new SharedObjects();
    private final FakeTicker ticker = new FakeTicker();
    private final FakeInstance instance = new FakeInstance();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CircuitBreakers.class);

    @BeforeEach
    void setUp() {
        shared.register(Ticker.class, ticker);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logs);
        shared.close();
    }

    @Test
    void opensAfterItsThreshold_failsFastWhileOpen_probesAfterTheWait_andClosesWhenTheInstanceRecovers() {
        CircuitBreakers breakers = breakers(Map.of());
        CircuitBreakerInvoker invoker = (CircuitBreakerInvoker) breakers.decorate(INSTANCE, instance);

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
            assertThat(refusal.getMessage()).contains("127.0.0.1:20880", "echo(java.lang.String)");
        }
        assertThat(instance.calls).as("no call reaches an open instance").hasValue(reachedBefore);

        ticker.advanceMillis(999);
        assertThat(Outcome.of(invoker.invoke(ECHO)).rpcFailure().code()).isEqualTo(ErrorCode.CIRCUIT_OPEN);
        ticker.advanceMillis(1);

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
        CircuitBreakerInvoker invoker =
                (CircuitBreakerInvoker) breakers(Map.of()).decorate(INSTANCE, instance);
        instance.failWith(ErrorCode.NETWORK);
        for (int i = 0; i < 5; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }
        ticker.advanceMillis(1_000);

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
        CircuitBreakerInvoker invoker = (CircuitBreakerInvoker) breakers(Map.of(
                        "courier.filter.circuit-breaker.slow-call-millis", "100",
                        "courier.filter.circuit-breaker.slow-call-rate-threshold", "60"))
                .decorate(INSTANCE, instance);
        instance.hang();

        for (int i = 0; i < 5; i++) {
            CompletableFuture<RpcResult> call = invoker.invoke(ECHO);
            ticker.advanceMillis(i < 3 ? 150 : 10);
            instance.complete(null);
            assertThat(Outcome.of(call).ok()).isTrue();
        }

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void policyRefusalsAndBusinessExceptions_doNotCountAsFailures_byDefault() {
        CircuitBreakerInvoker invoker =
                (CircuitBreakerInvoker) breakers(Map.of()).decorate(INSTANCE, instance);

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
        CircuitBreakerInvoker invoker = (CircuitBreakerInvoker)
                breakers(Map.of("courier.filter.circuit-breaker.business-exceptions-fail", "true"))
                        .decorate(INSTANCE, instance);
        instance.throwBusiness();

        for (int i = 0; i < 5; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void timeWindow_forgetsFailuresOlderThanTheWindow() {
        CircuitBreakerInvoker invoker = (CircuitBreakerInvoker) breakers(Map.of(
                        "courier.filter.circuit-breaker.window-type", "time",
                        "courier.filter.circuit-breaker.window-size", "10"))
                .decorate(INSTANCE, instance);

        instance.failWith(ErrorCode.TIMEOUT);
        for (int i = 0; i < 4; i++) {
            Outcome.of(invoker.invoke(ECHO));
        }
        ticker.advance(11, TimeUnit.SECONDS);
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
        CircuitBreakers breakers = breakers(Map.of());
        FakeInstance other = new FakeInstance();
        CircuitBreakerInvoker failing = (CircuitBreakerInvoker) breakers.decorate(INSTANCE, instance);
        CircuitBreakerInvoker healthy =
                (CircuitBreakerInvoker) breakers.decorate(Endpoint.of("127.0.0.1", 20881), other);
        instance.failWith(ErrorCode.TIMEOUT);

        for (int i = 0; i < 5; i++) {
            Outcome.of(failing.invoke(ECHO));
        }

        assertThat(failing.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
        assertThat(failing.state(Fixtures.method(Echo.class, "work"))).isEqualTo(CircuitState.CLOSED);
        assertThat(healthy.state(ECHO_METHOD)).isEqualTo(CircuitState.CLOSED);
        assertThat(Outcome.of(healthy.invoke(ECHO)).ok()).isTrue();
    }

    @Test
    void openCircuit_makesItsMethodUnavailableOnItsInstance_untilTheOpenPeriodEnds() {
        CircuitBreakerInvoker invoker =
                (CircuitBreakerInvoker) breakers(Map.of()).decorate(INSTANCE, instance);
        MethodDescriptor work = Fixtures.method(Echo.class, "work");
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
        ticker.advanceMillis(999);
        assertThat(invoker.available(ECHO_METHOD)).isFalse();
        ticker.advanceMillis(1);
        assertThat(invoker.available(ECHO_METHOD)).as("a probe may go").isTrue();
        assertThat(invoker.state(ECHO_METHOD)).as("asking changes nothing").isEqualTo(CircuitState.OPEN);
    }

    @Test
    void availability_passesTheInstanceInvokersOwnThrough() {
        CircuitBreakerInvoker invoker =
                (CircuitBreakerInvoker) breakers(Map.of()).decorate(INSTANCE, instance);

        instance.unreachable = true;

        assertThat(invoker.available()).isFalse();
        assertThat(invoker.available(ECHO_METHOD)).isFalse();
    }

    @Test
    void disabled_returnsTheInstanceInvokerItself() {
        CircuitBreakers breakers = CircuitBreakers.bind(Fixtures.context(Side.CONSUMER, Echo.class, Map.of(), shared));

        assertThat(breakers.enabled()).isFalse();
        assertThat(breakers.decorate(INSTANCE, instance)).isSameAs(instance);
    }

    @Test
    void perMethodSettings_overrideTheServiceDefaults() {
        CircuitBreakerInvoker invoker =
                (CircuitBreakerInvoker) breakers(Map.of("courier.filter.echo.circuit-breaker.minimum-calls", "2"))
                        .decorate(INSTANCE, instance);
        instance.failWith(ErrorCode.TIMEOUT);

        Outcome.of(invoker.invoke(ECHO));
        Outcome.of(invoker.invoke(ECHO));

        assertThat(invoker.state(ECHO_METHOD)).isEqualTo(CircuitState.OPEN);
    }

    private CircuitBreakers breakers(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "courier.filter.circuit-breaker.enabled", "true",
                "courier.filter.circuit-breaker.window-size", "10",
                "courier.filter.circuit-breaker.minimum-calls", "5",
                "courier.filter.circuit-breaker.open-millis", "1000",
                "courier.filter.circuit-breaker.half-open-calls", "2"));
        properties.putAll(overrides);
        return CircuitBreakers.bind(Fixtures.context(Side.CONSUMER, Echo.class, properties, shared));
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
                return CompletableFuture.completedFuture(RpcResult.ofException(new Echo.EchoException("business")));
            }
            return CompletableFuture.completedFuture(RpcResult.of("ok"));
        }
    }
}
