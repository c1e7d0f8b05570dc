package io.courier.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.RpcResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallOutcomeTest {

    @Test
    void action_runsOnceAfterTheCallersStages() {
        CallOutcome outcome = new CallOutcome();
        List<String> order = new ArrayList<>();
        outcome.whenComplete((result, failure) -> order.add("stage"));

        assertThat(outcome.whenDoneRun(() -> order.add("action"))).isTrue();
        assertThat(order).isEmpty();
        outcome.complete(RpcResult.of("x"));
        outcome.complete(RpcResult.of("y"));
        outcome.cancel(false);

        assertThat(order).containsExactly("stage", "action");
    }

    @Test
    void actionSetOnADoneFuture_runsAtOnce() {
        CallOutcome outcome = new CallOutcome();
        outcome.completeExceptionally(new IllegalStateException("failed"));
        AtomicInteger runs = new AtomicInteger();

        assertThat(outcome.whenDoneRun(runs::incrementAndGet)).isTrue();

        assertThat(runs).hasValue(1);
    }

    @Test
    void secondAction_isRefusedAndNeverRuns() {
        CallOutcome outcome = new CallOutcome();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        outcome.whenDoneRun(first::incrementAndGet);

        assertThat(outcome.whenDoneRun(second::incrementAndGet)).isFalse();
        outcome.cancel(true);

        assertThat(first).hasValue(1);
        assertThat(second).hasValue(0);
    }
}
