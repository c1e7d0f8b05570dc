package io.courier.filter.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.DynamicConfig;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.filter.Echo;
import io.courier.filter.FilterChains;
import io.courier.filter.Fixtures;
import io.courier.filter.Loopback;
import io.courier.filter.Outcome;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConcurrencyLimitTest {

    private static final int THREADS = 32;

    private final SharedObjects shared = new SharedObjects();
    private final ExecutorService serverExecutor = Executors.newFixedThreadPool(THREADS);
    private final ExecutorService callers = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void close() throws InterruptedException {
        callers.shutdownNow();
        serverExecutor.shutdownNow();
        assertThat(callers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(serverExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        shared.close();
    }

    @Test
    @Timeout(30)
    void providerLimit_holdsExactly_under32ConcurrentCallers() throws Exception {
        int limit = 5;
        AtomicInteger executing = new AtomicInteger();
        AtomicInteger mostExecuting = new AtomicInteger();
        AtomicInteger executed = new AtomicInteger();
        CountDownLatch[] gate = {new CountDownLatch(1)};
        Invoker provider = Fixtures.chain(
                Side.PROVIDER,
                Echo.class,
                Map.of("courier.filter.work.concurrency-limit.max", "" + limit),
                shared,
                Fixtures.implementation(invocation -> {
                    mostExecuting.accumulateAndGet(executing.incrementAndGet(), Math::max);
                    try {
                        gate[0].await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    executing.decrementAndGet();
                    executed.incrementAndGet();
                    return 1;
                }));
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER, Echo.class, Map.of(), shared, new Loopback(serverExecutor, provider, System::nanoTime));

        for (int round = 0; round < 3; round++) {
            gate[0] = new CountDownLatch(1);
            List<CompletableFuture<Outcome>> calls = startAll(consumer, Fixtures.call(Echo.class, "work", 1));
            // Every caller is either refused or executing: nothing is left to be admitted.
            await().atMost(Duration.ofSeconds(10)).until(() -> refusals(calls) + executing.get() == THREADS);

            assertThat(executing).hasValue(limit);
            gate[0].countDown();
            List<Outcome> outcomes = join(calls);
            assertThat(outcomes).filteredOn(Outcome::ok).hasSize(limit);
            assertThat(outcomes).filteredOn(outcome -> !outcome.ok()).allSatisfy(outcome -> {
                assertThat(outcome.rpcFailure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(outcome.rpcFailure().notExecuted()).isTrue();
            });
        }
        assertThat(mostExecuting).hasValue(limit);
        assertThat(executed).hasValue(3 * limit);
    }

    @Test
    @Timeout(30)
    void consumerLimit_holdsCallsInFlightExactly_untilAnswersArrive() throws Exception {
        int limit = 7;
        List<CompletableFuture<RpcResult>> pending = new CopyOnWriteArrayList<>();
        Invoker slowProvider = invocation -> {
            CompletableFuture<RpcResult> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        };
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.consumer-concurrency-limit.max", "" + limit),
                shared,
                slowProvider);

        List<CompletableFuture<Outcome>> calls = startAll(consumer, Fixtures.call(Echo.class, "echo", "x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals(calls) == THREADS - limit);
        assertThat(pending).hasSize(limit);

        pending.forEach(answer -> answer.complete(RpcResult.of("late")));
        assertThat(join(calls)).filteredOn(Outcome::ok).hasSize(limit);

        // The answered calls freed their slots.
        List<CompletableFuture<Outcome>> next = startAll(consumer, Fixtures.call(Echo.class, "echo", "x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> refusals(next) == THREADS - limit);
        assertThat(pending).hasSize(2 * limit);
        pending.forEach(answer -> answer.complete(RpcResult.of("late")));
        join(next);
    }

    @Test
    void dynamicConfig_changesTheLimit_ofTheMostSpecificScope() {
        List<CompletableFuture<RpcResult>> pending = new CopyOnWriteArrayList<>();
        Invoker hanging = invocation -> {
            CompletableFuture<RpcResult> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        };
        ServiceFilterContext context = Fixtures.context(
                Side.PROVIDER,
                Echo.class,
                Map.of("courier.filter.concurrency-limit.max", "1", "courier.filter.work.concurrency-limit.max", "3"),
                shared);
        Invoker provider = FilterChains.build(context, hanging);

        assertThat(admitted(provider, "echo", 5)).isEqualTo(1);
        assertThat(admitted(provider, "work", 5)).isEqualTo(3);

        context.publish(limits(Map.of("concurrency-limit.max", "4")));
        // echo: the service's dynamic 4 replaces the service's static 1; one call is still running.
        assertThat(admitted(provider, "echo", 5)).isEqualTo(3);
        // work: its own static 3 is more specific than the service's dynamic value.
        assertThat(admitted(provider, "work", 5)).isZero();

        context.publish(limits(Map.of("work.concurrency-limit.max", "off")));
        assertThat(admitted(provider, "work", 5)).isEqualTo(5);
        pending.forEach(answer -> answer.complete(RpcResult.of(null)));
    }

    @Test
    void invalidMax_failsBinding_namingTheKey() {
        assertThatThrownBy(() -> new ConcurrencyLimitFilter()
                        .bind(Fixtures.context(
                                Side.PROVIDER,
                                Echo.class,
                                Map.of("courier.filter.concurrency-limit.max", "lots"),
                                shared)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("courier.filter.concurrency-limit.max: lots (expected: 1 to 1000000, or off)");
    }

    private static int admitted(Invoker invoker, String method, int calls) {
        int admitted = 0;
        for (int i = 0; i < calls; i++) {
            Object[] arguments = method.equals("work") ? new Object[] {1} : new Object[] {"x"};
            CompletableFuture<RpcResult> call = invoker.invoke(Fixtures.call(Echo.class, method, arguments));
            if (!call.isDone()) {
                admitted++;
            } else {
                assertThat(Outcome.of(call).rpcFailure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
            }
        }
        return admitted;
    }

    private List<CompletableFuture<Outcome>> startAll(Invoker invoker, Invocation invocation) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            go.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return Outcome.of(invoker.invoke(invocation), Duration.ofSeconds(20));
                    },
                    callers));
        }
        go.countDown();
        return calls;
    }

    private static long refusals(List<CompletableFuture<Outcome>> calls) {
        return calls.stream().filter(call -> call.isDone() && !call.join().ok()).count();
    }

    private static List<Outcome> join(List<CompletableFuture<Outcome>> calls) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<Outcome> call : calls) {
            outcomes.add(call.get(20, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    private static DynamicConfig limits(Map<String, String> limits) {
        return new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of(), limits);
    }
}
