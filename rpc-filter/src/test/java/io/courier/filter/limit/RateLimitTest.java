package io.courier.filter.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.courier.api.DynamicConfig;
import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.time.Ticker;
import io.courier.filter.Echo;
import io.courier.filter.FakeTicker;
import io.courier.filter.Fixtures;
import io.courier.filter.Loopback;
import io.courier.filter.Outcome;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RateLimitTest {

    private static final Logger log = LoggerFactory.getLogger(RateLimitTest.class);

    private final SharedObjects shared = new SharedObjects();
    private final AtomicInteger executed = new AtomicInteger();
    private final Invoker implementation = Fixtures.implementation(invocation -> {
        executed.incrementAndGet();
        return "done";
    });

    @AfterEach
    void close() {
        shared.close();
    }

    @Test
    @Timeout(20)
    void provider100Qps_underHeavyLoad_acceptsWithinFivePercent_andRefusedCallsNeverRun() throws Exception {
        int burst = 20;
        Invoker provider = Fixtures.chain(
                Side.PROVIDER,
                Echo.class,
                Map.of("courier.filter.rate-limit.qps", "100", "courier.filter.rate-limit.burst", "" + burst),
                shared,
                implementation);
        ExecutorService serverExecutor = Executors.newFixedThreadPool(4);
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER, Echo.class, Map.of(), shared, new Loopback(serverExecutor, provider, System::nanoTime));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        long runNanos = TimeUnit.SECONDS.toNanos(3);

        long start = System.nanoTime();
        AtomicLong firstAttempt = new AtomicLong();
        AtomicLong lastAttempt = new AtomicLong();
        List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Thread thread = new Thread(() -> {
                long now;
                while ((now = System.nanoTime()) - start < runNanos) {
                    firstAttempt.compareAndSet(0, now);
                    lastAttempt.accumulateAndGet(now, Math::max);
                    Outcome outcome = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")));
                    if (outcome.ok()) {
                        accepted.incrementAndGet();
                    } else if (outcome.failure() instanceof RpcException rpc
                            && rpc.code() == ErrorCode.RATE_LIMITED
                            && rpc.notExecuted()) {
                        refused.incrementAndGet();
                        LockSupport.parkNanos(1_000_000);
                    } else {
                        unexpected.add(outcome.failure());
                    }
                }
            });
            thread.start();
            load.add(thread);
        }
        for (Thread thread : load) {
            thread.join(10_000);
        }
        // The bucket was full when the load began; from then on it refilled at 100 tokens a second.
        double seconds = (lastAttempt.get() - firstAttempt.get()) / 1e9;
        serverExecutor.shutdown();
        assertThat(serverExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

        double expected = burst + 100 * seconds;
        log.info(
                "rate limit 100/s for {} s: accepted {} (expected {}), refused {}",
                seconds,
                accepted.get(),
                expected,
                refused.get());
        assertThat(unexpected).isEmpty();
        assertThat((double) accepted.get()).isCloseTo(expected, within(expected * 0.05));
        assertThat(refused.get())
                .as("heavy load: far more refused than accepted")
                .isGreaterThan(5 * accepted.get());
        assertThat(executed).hasValue(accepted.get());
    }

    @Test
    void methodAndServiceBuckets_bothApply_andAMethodRefusalTakesNoServiceToken() {
        FakeTicker ticker = new FakeTicker();
        shared.register(Ticker.class, ticker);
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of(
                        "courier.filter.consumer-rate-limit.qps", "10",
                        "courier.filter.echo.consumer-rate-limit.qps", "2"),
                shared,
                implementation);

        assertThat(count(consumer, "echo", 5)).isEqualTo(2);
        assertThat(count(consumer, "work", 20)).isEqualTo(8);

        ticker.advance(1, TimeUnit.SECONDS);

        assertThat(count(consumer, "echo", 5)).isEqualTo(2);
        assertThat(count(consumer, "work", 20)).isEqualTo(8);
        assertThat(executed).hasValue(20);
    }

    @Test
    void refusal_isRateLimited_notExecuted_andNamesTheLimit() {
        shared.register(Ticker.class, new FakeTicker());
        Invoker provider = Fixtures.chain(
                Side.PROVIDER, Echo.class, Map.of("courier.filter.rate-limit.qps", "0"), shared, implementation);

        RpcException refusal = Outcome.of(provider.invoke(Fixtures.call(Echo.class, "echo", "x")))
                .rpcFailure();

        assertThat(refusal).isInstanceOf(LimitExceededException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refusal.notExecuted()).isTrue();
        assertThat(refusal.getMessage()).contains("rate-limit", "io.courier.filter.Echo#echo(java.lang.String)");
        assertThat(((LimitExceededException) refusal).reason()).isEqualTo(LimitExceededException.RATE);
        assertThat(executed).hasValue(0);
    }

    @Test
    void dynamicConfig_setsChangesAndLiftsLimits_atRunTime() {
        FakeTicker ticker = new FakeTicker();
        shared.register(Ticker.class, ticker);
        ServiceFilterContext context = Fixtures.context(
                Side.PROVIDER, Echo.class, Map.of("courier.filter.rate-limit.enabled", "true"), shared);
        Invoker provider = io.courier.filter.FilterChains.build(context, implementation);

        assertThat(count(provider, "echo", 50))
                .as("enabled, nothing set: unlimited")
                .isEqualTo(50);

        context.publish(limits(Map.of("rate-limit.qps", "3", "rate-limit.burst", "3")));
        assertThat(count(provider, "echo", 10)).isEqualTo(3);

        context.publish(limits(Map.of("rate-limit.qps", "off", "echo(java.lang.String).rate-limit.qps", "0")));
        assertThat(count(provider, "echo", 10)).isZero();
        assertThat(count(provider, "work", 10)).isEqualTo(10);

        context.publish(limits(Map.of("work.rate-limit.qps", "not-a-number")));
        assertThat(count(provider, "work", 10))
                .as("an invalid value is ignored")
                .isEqualTo(10);

        context.publish(DynamicConfig.EMPTY);
        assertThat(count(provider, "echo", 10))
                .as("back to the static configuration")
                .isEqualTo(10);
    }

    @Test
    void dynamicConfig_keepsTheBucketsState_whenTheRateChanges() {
        FakeTicker ticker = new FakeTicker();
        shared.register(Ticker.class, ticker);
        ServiceFilterContext context = Fixtures.context(
                Side.PROVIDER,
                Echo.class,
                Map.of("courier.filter.rate-limit.qps", "1", "courier.filter.rate-limit.burst", "1"),
                shared);
        Invoker provider = io.courier.filter.FilterChains.build(context, implementation);
        assertThat(count(provider, "echo", 3)).isEqualTo(1);

        context.publish(limits(Map.of("rate-limit.qps", "2", "rate-limit.burst", "1")));

        assertThat(count(provider, "echo", 3))
                .as("the token just taken is not handed out again")
                .isZero();
    }

    @Test
    void unconfiguredService_getsNoRateLimitFilter() {
        assertThat(new RateLimitFilter().bind(Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared)))
                .isNull();
        assertThat(new ConsumerRateLimitFilter()
                        .bind(Fixtures.context(
                                Side.CONSUMER, Echo.class, Map.of("courier.filter.rate-limit.qps", "5"), shared)))
                .as("the provider's key does not configure the consumer")
                .isNull();
    }

    @Test
    void invalidSettings_failBinding_namingTheKeyAndTheValue() {
        assertThatThrownBy(() -> new RateLimitFilter()
                        .bind(Fixtures.context(
                                Side.PROVIDER, Echo.class, Map.of("courier.filter.rate-limit.qps", "-3"), shared)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("courier.filter.rate-limit.qps: -3 (expected: 0, or 0.001 to 1.0E9, or off)");
        assertThatThrownBy(() -> new RateLimitFilter()
                        .bind(Fixtures.context(
                                Side.PROVIDER,
                                Echo.class,
                                Map.of(
                                        "courier.filter.echo.rate-limit.qps", "5",
                                        "courier.filter.echo.rate-limit.burst", "0"),
                                shared)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("courier.filter.echo.rate-limit.burst: 0 (expected:");
    }

    private static int count(Invoker invoker, String method, int calls) {
        int accepted = 0;
        for (int i = 0; i < calls; i++) {
            Object[] arguments = method.equals("work") ? new Object[] {1} : new Object[] {"x"};
            Outcome outcome = Outcome.of(invoker.invoke(Fixtures.call(Echo.class, method, arguments)));
            if (outcome.ok()) {
                accepted++;
            } else {
                assertThat(outcome.rpcFailure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
            }
        }
        return accepted;
    }

    private static DynamicConfig limits(Map<String, String> limits) {
        return new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of(), limits);
    }
}
