package io.courier.cluster.strategy;

import static io.courier.cluster.strategy.Script.A;
import static io.courier.cluster.strategy.Script.B;
import static io.courier.cluster.strategy.Script.C;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.DynamicConfig;
import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Futures;
import io.courier.cluster.testing.Greeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** hedging on scripted instances, its delay run by hand. */
class HedgingClusterTest {

    private static final RpcException BUSY = new RpcException(ErrorCode.SERVER_BUSY, "queue full");
    private static final RpcResult OK = RpcResult.of(42L);

    private final Script script = new Script();
    /** Scheduled hedges: the delay asked, and the task. */
    private final List<Long> delays = new ArrayList<>();

    private final List<Runnable> due = new ArrayList<>();
    private final HedgingCluster hedging = new HedgingCluster(Ticker.SYSTEM, (task, delayMillis) -> {
        delays.add(delayMillis);
        due.add(task);
    });

    @AfterEach
    void close() {
        script.close();
    }

    private static ClusterOptions fixedDelay(long millis, int budgetPercent) {
        return ClusterOptions.builder()
                .hedgingDelayMillis(millis)
                .hedgingBudgetPercent(budgetPercent)
                .build();
    }

    private void runDue() {
        List<Runnable> tasks = List.copyOf(due);
        due.clear();
        tasks.forEach(Runnable::run);
    }

    @Test
    void aSlowFirstAttempt_isHedgedAfterTheDelay_theFirstAnswerWins_andTheLoserIsCancelled() {
        Invoker invoker =
                script.on(A, Script.HOLD).on(B, OK).join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 100));

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.READ, 1L));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(delays).containsExactly(20L);
        assertThat(answer).isNotDone();
        runDue();
        assertThat(script.attempts()).containsExactly(A, B);
        assertThat(answer).isCompletedWithValue(OK);
        assertThat(script.held().get(0)).as("the loser").isCancelled();
    }

    @Test
    void anAnswerBeforeTheDelay_sendsNoSecondAttempt() {
        Invoker invoker = script.on(A, OK).on(B, OK).join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 100));

        assertThat(invoker.invoke(Calls.of(Greeter.READ, 1L))).isCompletedWithValue(OK);
        runDue();

        assertThat(script.attempts()).containsExactly(A);
    }

    @Test
    void aNonIdempotentMethod_isNeverHedged() {
        Invoker invoker =
                script.on(A, Script.HOLD).on(B, OK).join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 100));

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.WRITE, 1L));
        runDue();

        assertThat(delays).isEmpty();
        assertThat(script.attempts()).containsExactly(A);
        assertThat(answer).isNotDone();
    }

    @Test
    void secondAttempts_stayWithinTheBudget() {
        Invoker invoker = script.on(A, Script.HOLD)
                .on(B, Script.HOLD)
                .on(C, Script.HOLD)
                .join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 30));

        for (int i = 0; i < 100; i++) {
            invoker.invoke(Calls.of(Greeter.READ, (long) i));
        }
        runDue();

        // 100 first attempts; at most 30 % of 100 calls more.
        assertThat(script.attempts().size() - 100).isBetween(1, 30);
    }

    @Test
    void aRetryableFailureBeforeTheDelay_sendsTheSecondAttemptAtOnce() {
        Invoker invoker = script.on(A, BUSY).on(B, OK).join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 100));

        assertThat(invoker.invoke(Calls.of(Greeter.READ, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
        runDue();
        assertThat(script.attempts()).as("the timer adds nothing").containsExactly(A, B);
    }

    @Test
    void whenBothAttemptsFail_theCallFailsWithTheLast() {
        Invoker invoker = script.on(A, Script.HOLD)
                .on(B, Script.HOLD)
                .join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 100));

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.READ, 1L));
        runDue();
        script.release(new RpcException(ErrorCode.TIMEOUT, "first"));
        assertThat(answer).as("the second may still answer").isNotDone();
        script.release(new RpcException(ErrorCode.TIMEOUT, "second"));

        assertThat(Futures.failure(answer))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("after 2 attempts")
                .hasMessageContaining("second");
    }

    @Test
    void theDelay_changesLive_withTheConfigurationCentresLimits_perMethodToo() {
        Invoker invoker = script.on(A, Script.HOLD)
                .on(B, Script.HOLD)
                .join(hedging, ReferenceOptions.defaults(), fixedDelay(20, 100));
        invoker.invoke(Calls.of(Greeter.READ, 1L));

        script.directory().configure(limits(Map.of("hedging.delay-millis", "7")));
        invoker.invoke(Calls.of(Greeter.READ, 1L));
        script.directory()
                .configure(limits(Map.of("hedging.delay-millis", "7", "read(long).hedging.delay-millis", "3")));
        invoker.invoke(Calls.of(Greeter.READ, 1L));
        script.directory().configure(limits(Map.of("hedging.delay-millis", "nonsense")));
        invoker.invoke(Calls.of(Greeter.READ, 1L));

        assertThat(delays).as("an invalid value leaves the configured one").containsExactly(20L, 7L, 3L, 20L);
    }

    private static DynamicConfig limits(Map<String, String> limits) {
        return new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of(), limits);
    }

    @Test
    void withPercentileDelays_nothingIsHedgedUntilTheMethodHasEnoughSamples() {
        Object[] answers = new Object[LatencyWindow.MIN_SAMPLES / 2 + 1];
        java.util.Arrays.fill(answers, OK);
        answers[answers.length - 1] = Script.HOLD;
        Invoker invoker =
                script.on(A, answers).on(B, answers).join(hedging, ReferenceOptions.defaults(), fixedDelay(0, 100));

        for (int i = 0; i < LatencyWindow.MIN_SAMPLES; i++) {
            invoker.invoke(Calls.of(Greeter.READ, 1L));
        }
        assertThat(delays).isEmpty();
        invoker.invoke(Calls.of(Greeter.READ, 1L));
        assertThat(delays).hasSize(1);
    }

    @Test
    void latencyWindow_givesThePercentileOfItsLastSamples() {
        LatencyWindow window = new LatencyWindow();
        assertThat(window.percentileNanos(90)).isEqualTo(-1);
        for (int i = 1; i <= 100; i++) {
            window.record(i);
        }
        assertThat(window.percentileNanos(90)).isEqualTo(90);
        assertThat(window.percentileNanos(50)).isEqualTo(50);
        for (int i = 0; i < LatencyWindow.SIZE; i++) {
            window.record(1_000);
        }
        assertThat(window.percentileNanos(50))
                .as("old samples leave the window")
                .isEqualTo(1_000);
    }
}
