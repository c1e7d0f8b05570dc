package io.courier.cluster.strategy;

import static io.courier.cluster.strategy.Script.A;
import static io.courier.cluster.strategy.Script.B;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailbackClusterTest {

    private static final RpcException BUSY = new RpcException(ErrorCode.SERVER_BUSY, "queue full");
    private static final RpcException LOST = new RpcException(ErrorCode.NETWORK, false, "connection reset", null);
    private static final RpcResult OK = RpcResult.of(42L);

    private final Script script = new Script();
    private final ManualScheduler scheduler = new ManualScheduler();

    @AfterEach
    void close() {
        script.close();
    }

    @Test
    void failure_answersEmptyAtOnce_andRetriesOnAnotherInstanceLater() {
        Invoker invoker = script.on(A, BUSY).on(B, OK).join(new FailbackCluster(scheduler, 10));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L)))
                .isCompletedWithValueMatching(result -> Long.valueOf(0).equals(result.value()));
        assertThat(script.attempts()).containsExactly(A);
        assertThat(scheduler.delays).containsExactly(5_000L);

        scheduler.runNext();

        assertThat(script.attempts()).containsExactly(A, B);
        assertThat(scheduler.tasks).isEmpty();
    }

    @Test
    void retries_backOff_andStopAfterThree() {
        Invoker invoker = script.on(A, BUSY).join(new FailbackCluster(scheduler, 10));

        invoker.invoke(Calls.of(Greeter.WRITE, 1L));
        while (!scheduler.tasks.isEmpty()) {
            scheduler.runNext();
        }

        assertThat(scheduler.delays).containsExactly(5_000L, 10_000L, 20_000L);
        assertThat(script.attempts()).hasSize(4);
    }

    @Test
    void failureThatMayHaveExecuted_isNotQueued_forANonIdempotentMethod() {
        // A lost connection also ejects the instance, so both are scripted to lose it.
        Invoker invoker = script.on(A, LOST).on(B, LOST).join(new FailbackCluster(scheduler, 10));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompleted();
        assertThat(scheduler.tasks).isEmpty();

        invoker.invoke(Calls.of(Greeter.READ, 1L));
        assertThat(scheduler.tasks).as("an idempotent method is queued").hasSize(1);
    }

    @Test
    void fullQueue_dropsFurtherFailures() {
        Invoker invoker = script.on(A, BUSY).join(new FailbackCluster(scheduler, 2));

        for (int i = 0; i < 5; i++) {
            invoker.invoke(Calls.of(Greeter.WRITE, (long) i));
        }
        assertThat(scheduler.tasks).hasSize(2);

        scheduler.runNext(); // retried, failed again: still queued
        scheduler.runNext();
        invoker.invoke(Calls.of(Greeter.WRITE, 9L));
        assertThat(scheduler.tasks).as("the queue is still full").hasSize(2);
    }

    /** Records what failback schedules; the test runs tasks one at a time. */
    private static final class ManualScheduler implements Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public void schedule(Runnable task, long delayMillis) {
            tasks.add(task);
            delays.add(delayMillis);
        }

        void runNext() {
            tasks.remove(0).run();
        }
    }
}
