package io.courier.transport.internal.executor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallPlacementTest {

    private static final long FAST = CallPlacement.FAST_NANOS - 1;
    private static final long SLOW = CallPlacement.FAST_NANOS;

    private long collections;
    private long now = 1_000_000_000L;
    private final CallPlacement placement = new CallPlacement("Service#method()", () -> collections, () -> now);

    @Test
    void newMethod_runsOnThePool() {
        assertThat(placement.inline()).isFalse();
    }

    @Test
    void windowOfFastCalls_movesTheMethodToTheIoThread() {
        pooled(CallPlacement.WINDOW - 1, FAST);
        assertThat(placement.inline()).isFalse();

        pooled(1, FAST);

        assertThat(placement.inline()).isTrue();
    }

    @Test
    void windowWithTooManySlowCalls_keepsTheMethodOnThePool_andStartsAFreshWindow() {
        int needed = CallPlacement.WINDOW * CallPlacement.FAST_PERCENT / 100;
        pooled(needed - 1, FAST);
        pooled(CallPlacement.WINDOW - needed + 1, SLOW);
        assertThat(placement.inline()).isFalse();

        pooled(CallPlacement.WINDOW, FAST);

        assertThat(placement.inline()).isTrue();
    }

    @Test
    void firstStall_isForgiven_andASecondWithinTheTime_movesTheMethodBackToThePool_untilAWindowTwiceAsLong() {
        pooled(CallPlacement.WINDOW, FAST);
        placement.ranInline(CallPlacement.STALL_NANOS - 1, 0);
        assertThat(placement.inline()).isTrue();

        placement.ranInline(CallPlacement.STALL_NANOS, 0);
        assertThat(placement.inline())
                .as("the first stall: the thread's, most likely")
                .isTrue();
        now += CallPlacement.FORGIVE_NANOS - 1;
        placement.ranInline(CallPlacement.STALL_NANOS, 0);
        assertThat(placement.inline()).as("a second one within the time").isFalse();

        pooled(2 * CallPlacement.WINDOW - 1, FAST);
        assertThat(placement.inline()).isFalse();
        pooled(1, FAST);
        assertThat(placement.inline()).isTrue();
    }

    @Test
    void oneStallInTheTime_isForgivenEachTime() {
        pooled(CallPlacement.WINDOW, FAST);
        for (int i = 0; i < 10; i++) {
            placement.ranInline(CallPlacement.LONG_STALL_NANOS - 1, 0);
            assertThat(placement.inline()).as("stall %d", i).isTrue();
            now += CallPlacement.FORGIVE_NANOS;
        }
    }

    @Test
    void longStall_movesTheMethodBackAtOnce() {
        pooled(CallPlacement.WINDOW, FAST);

        placement.ranInline(CallPlacement.LONG_STALL_NANOS, 0);

        assertThat(placement.inline()).isFalse();
    }

    @Test
    void methodThatKeepsStalling_comesBackAfterEverLongerWindows_upToTheLongest() {
        pooled(CallPlacement.WINDOW, FAST);
        assertThat(placement.inline()).isTrue();
        forgiveOnce();
        int window = CallPlacement.WINDOW;
        for (int returns = 0; returns < 30; returns++) {
            window = Math.min(CallPlacement.MAX_WINDOW, window * 2);
            placement.ranInline(CallPlacement.STALL_NANOS, 0);
            assertThat(placement.inline()).isFalse();

            pooled(window - 1, FAST);
            assertThat(placement.inline())
                    .as("one call short of a window of %d", window)
                    .isFalse();
            pooled(1, FAST);
            assertThat(placement.inline()).as("after a window of %d", window).isTrue();
        }
        assertThat(window).isEqualTo(CallPlacement.MAX_WINDOW);
    }

    @Test
    void slowInlineCallDuringAGarbageCollection_isForgivenOnce() {
        pooled(CallPlacement.WINDOW, FAST);
        forgiveOnce();
        collections++;

        placement.ranInline(CallPlacement.STALL_NANOS, 0);
        assertThat(placement.inline()).isTrue();

        placement.ranInline(CallPlacement.STALL_NANOS, 0);
        assertThat(placement.inline()).isFalse();
    }

    @Test
    void slowInlineCallThatMostlyWaitedForACpu_keepsTheMethodOnTheIoThread() {
        pooled(CallPlacement.WINDOW, FAST);
        forgiveOnce();
        long slow = 3 * CallPlacement.STALL_NANOS;

        placement.ranInline(slow, slow - CallPlacement.STALL_NANOS + 1);
        assertThat(placement.inline()).as("less than 1 ms of its own").isTrue();

        placement.ranInline(slow, slow - CallPlacement.STALL_NANOS);
        assertThat(placement.inline()).as("1 ms of its own").isFalse();
    }

    /** Spends the one stall forgiven in the time, so that the next one counts. */
    private void forgiveOnce() {
        placement.ranInline(CallPlacement.STALL_NANOS, 0);
        assertThat(placement.inline()).as("the forgiven stall").isTrue();
    }

    private void pooled(int calls, long nanos) {
        for (int i = 0; i < calls; i++) {
            placement.ranPooled(nanos);
        }
    }
}
