package io.courier.filter.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.api.time.Ticker;
import io.courier.filter.Echo;
import io.courier.filter.FakeTicker;
import io.courier.filter.FilterChains;
import io.courier.filter.Fixtures;
import io.courier.filter.Loopback;
import io.courier.filter.Outcome;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DeadlineTest {

    private final SharedObjects shared = new SharedObjects();
    private final FakeTicker ticker = new FakeTicker();
    private final ExecutorService serverExecutor = Executors.newSingleThreadExecutor();

    @AfterEach
    void close() throws InterruptedException {
        serverExecutor.shutdownNow();
        assertThat(serverExecutor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        shared.close();
    }

    @Test
    void consumer_sendsTheReferenceTimeoutAsTheBudget_andNeverALocalAttachment() {
        shared.register(Ticker.class, ticker);
        AtomicReference<Invocation> sent = new AtomicReference<>();
        ServiceFilterContext context = ServiceFilterContext.builder(
                        Side.CONSUMER, ServiceKey.of(Echo.class), Fixtures.descriptor(Echo.class))
                .referenceOptions(
                        ReferenceOptions.builder().timeoutMillis(1_500).build())
                .shared(shared)
                .build();
        Invoker consumer = FilterChains.build(context, invocation -> {
            sent.set(invocation);
            return CompletableFuture.completedFuture(RpcResult.of(null));
        });

        consumer.invoke(Fixtures.call(Echo.class, "echo", "x").withAttachment(Deadlines.RECEIVED_NANOS, "12"))
                .join();

        assertThat(sent.get().attachment(Deadlines.BUDGET)).isEqualTo("1500");
        assertThat(sent.get().attachments()).doesNotContainKey(Deadlines.RECEIVED_NANOS);
    }

    @Test
    void consumer_setsTheTypedDeadline_forAConfiguredBudget_andNeverExtendsOneTheCallCarries() {
        AtomicReference<Invocation> sent = new AtomicReference<>();
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.deadline.budget-millis", "2000"),
                shared,
                invocation -> {
                    sent.set(invocation);
                    return CompletableFuture.completedFuture(RpcResult.of(null));
                });
        long before = System.nanoTime();

        consumer.invoke(Fixtures.call(Echo.class, "echo", "x")).join();

        assertThat(sent.get().attachment(Deadlines.BUDGET)).isEqualTo("2000");
        assertThat(sent.get().hasDeadline()).isTrue();
        assertThat(sent.get().deadlineNanos() - before)
                .isBetween(0L, TimeUnit.MILLISECONDS.toNanos(2000) + TimeUnit.SECONDS.toNanos(1));

        long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        consumer.invoke(Fixtures.call(Echo.class, "echo", "x").withDeadlineNanos(soon))
                .join();

        assertThat(sent.get().deadlineNanos()).isEqualTo(soon);
        assertThat(Long.parseLong(sent.get().attachment(Deadlines.BUDGET))).isBetween(1L, 300L);
    }

    @Test
    void consumer_leavesTheReferenceTimeoutPerAttempt_withoutATypedDeadline() {
        // A retry after a timed-out attempt gets a whole timeout again, as it always did.
        AtomicReference<Invocation> sent = new AtomicReference<>();
        Invoker consumer = Fixtures.chain(Side.CONSUMER, Echo.class, Map.of(), shared, invocation -> {
            sent.set(invocation);
            return CompletableFuture.completedFuture(RpcResult.of(null));
        });

        consumer.invoke(Fixtures.call(Echo.class, "echo", "x")).join();

        assertThat(sent.get().attachment(Deadlines.BUDGET)).isNotNull();
        assertThat(sent.get().hasDeadline()).isFalse();
    }

    @Test
    void consumer_honoursASmallerBudgetSetByTheCaller() {
        shared.register(Ticker.class, ticker);
        AtomicReference<Invocation> sent = new AtomicReference<>();
        Invoker consumer = Fixtures.chain(Side.CONSUMER, Echo.class, Map.of(), shared, invocation -> {
            sent.set(invocation);
            return CompletableFuture.completedFuture(RpcResult.of(null));
        });

        consumer.invoke(Fixtures.call(Echo.class, "echo", "x").withAttachment(Deadlines.BUDGET, "250"))
                .join();

        assertThat(sent.get().attachment(Deadlines.BUDGET)).isEqualTo("250");
    }

    @Test
    @Timeout(10)
    void provider_refusesARequestWhoseBudgetWasSpentInTheQueue_withoutRunningIt() throws Exception {
        AtomicInteger executed = new AtomicInteger();
        Invoker provider =
                Fixtures.chain(Side.PROVIDER, Echo.class, Map.of(), shared, Fixtures.implementation(invocation -> {
                    executed.incrementAndGet();
                    return "ran";
                }));
        Invoker consumer = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.deadline.budget-millis", "500"),
                shared,
                new Loopback(serverExecutor, provider, System::nanoTime));
        // The only server thread is busy for twice the budget; the budget leaves room for a loaded machine.
        CountDownLatch busy = new CountDownLatch(1);
        serverExecutor.execute(() -> {
            try {
                busy.await(1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        RpcException refusal = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "late")))
                .rpcFailure();

        assertThat(refusal.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(refusal.notExecuted()).isTrue();
        assertThat(refusal.getMessage()).contains("budget of 500 ms was spent");
        assertThat(executed).hasValue(0);
        assertThat(Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "on time")))
                        .ok())
                .isTrue();
        assertThat(executed).hasValue(1);
    }

    @Test
    void provider_refusesASpentBudget_andPassesCallsWithoutOneUntouched() {
        shared.register(Ticker.class, ticker);
        AtomicInteger executed = new AtomicInteger();
        Invoker provider =
                Fixtures.chain(Side.PROVIDER, Echo.class, Map.of(), shared, Fixtures.implementation(invocation -> {
                    executed.incrementAndGet();
                    return "ran";
                }));

        Outcome spent = Outcome.of(
                provider.invoke(Fixtures.call(Echo.class, "echo", "x").withAttachment(Deadlines.BUDGET, "0")));
        Outcome none = Outcome.of(provider.invoke(Fixtures.call(Echo.class, "echo", "x")));
        Outcome garbage = Outcome.of(
                provider.invoke(Fixtures.call(Echo.class, "echo", "x").withAttachment(Deadlines.BUDGET, "soon")));

        assertThat(spent.rpcFailure().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(none.ok()).isTrue();
        assertThat(garbage.ok()).as("a malformed budget is ignored").isTrue();
        assertThat(executed).hasValue(2);
    }

    @Test
    void callsMadeWhileServing_inheritWhatIsLeft_soTheBudgetShrinksAtEachHop() {
        shared.register(Ticker.class, ticker);
        AtomicReference<String> budgetAtC = new AtomicReference<>();
        AtomicReference<String> budgetAtB = new AtomicReference<>();
        AtomicReference<Long> remainingInB = new AtomicReference<>();
        Invoker serviceC =
                Fixtures.chain(Side.PROVIDER, Echo.class, Map.of(), shared, Fixtures.implementation(invocation -> {
                    budgetAtC.set(invocation.attachment(Deadlines.BUDGET));
                    return "c";
                }));
        Invoker bCallsC = Fixtures.chain(Side.CONSUMER, Echo.class, Map.of(), shared, serviceC);
        Invoker serviceB =
                Fixtures.chain(Side.PROVIDER, Echo.class, Map.of(), shared, Fixtures.implementation(invocation -> {
                    budgetAtB.set(invocation.attachment(Deadlines.BUDGET));
                    ticker.advanceMillis(300);
                    remainingInB.set(remainingMillis());
                    return bCallsC.invoke(Fixtures.call(Echo.class, "echo", "to c"))
                            .join()
                            .value();
                }));
        Invoker aCallsB = Fixtures.chain(
                Side.CONSUMER, Echo.class, Map.of("courier.filter.deadline.budget-millis", "1000"), shared, serviceB);

        assertThat(aCallsB.invoke(Fixtures.call(Echo.class, "echo", "to b"))
                        .join()
                        .value())
                .isEqualTo("c");

        assertThat(budgetAtB.get()).isEqualTo("1000");
        assertThat(remainingInB.get()).isEqualTo(700);
        assertThat(budgetAtC.get()).isEqualTo("700");
    }

    @Test
    void consumer_refusesToSendACall_whenTheServedRequestsBudgetIsSpent() {
        shared.register(Ticker.class, ticker);
        AtomicInteger sent = new AtomicInteger();
        Invoker consumer = Fixtures.chain(Side.CONSUMER, Echo.class, Map.of(), shared, invocation -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(RpcResult.of(null));
        });
        Map<String, String> served =
                Map.of(Deadlines.BUDGET, "100", Deadlines.RECEIVED_NANOS, Long.toString(ticker.nanoTime()));
        ticker.advanceMillis(100);

        Outcome outcome;
        try (RpcContext.Scope scope = RpcContext.serve(served, Fixtures.CONSUMER_ADDRESS)) {
            outcome = Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")));
        }

        assertThat(outcome.rpcFailure().code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED);
        assertThat(outcome.rpcFailure().notExecuted()).isTrue();
        assertThat(sent).hasValue(0);
    }

    @Test
    void remainingMillis_isEmpty_whenTheThreadServesNoRequest() {
        assertThat(Deadlines.remainingMillis()).isEmpty();
    }

    @Test
    void parsing_rejectsAnythingButDigits() {
        assertThat(Deadlines.parseBudget("123")).isEqualTo(123);
        assertThat(Deadlines.parseBudget("-1")).isEqualTo(-1);
        assertThat(Deadlines.parseBudget("1e3")).isEqualTo(-1);
        assertThat(Deadlines.parseBudget("99999999999999")).isEqualTo(Deadlines.MAX_BUDGET_MILLIS);
        assertThat(Deadlines.parseSigned("-42")).isEqualTo(-42);
        assertThat(Deadlines.parseSigned("-")).isEqualTo(Long.MIN_VALUE);
        assertThat(Deadlines.parseSigned("4x")).isEqualTo(Long.MIN_VALUE);
    }

    /** What business code sees: {@link Deadlines#remainingMillis()} reads the system clock, so read it as the filters do. */
    private long remainingMillis() {
        return Deadlines.remainingNanos(RpcContext.current().requestAttachments(), ticker.nanoTime())
                        .getAsLong()
                / 1_000_000;
    }
}
