package io.courier.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallPlacementTest {

    private static final long FAST = CallPlacement.FAST_NANOS - 1;
    private static final long SLOW = CallPlacement.FAST_NANOS;

    private final CallPlacement placement = new CallPlacement("Service#method()");

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
        pooled(CallPlacement.FAST_NEEDED - 1, FAST);
        pooled(CallPlacement.WINDOW - CallPlacement.FAST_NEEDED + 1, SLOW);
        assertThat(placement.inline()).isFalse();

        pooled(CallPlacement.WINDOW, FAST);

        assertThat(placement.inline()).isTrue();
    }

    @Test
    void oneInlineCallThatStalls_movesTheMethodBackToThePoolForGood() {
        pooled(CallPlacement.WINDOW, FAST);
        placement.ranInline(CallPlacement.STALL_NANOS - 1);
        assertThat(placement.inline()).isTrue();

        placement.ranInline(CallPlacement.STALL_NANOS);
        assertThat(placement.inline()).isFalse();

        pooled(10 * CallPlacement.WINDOW, FAST);
        assertThat(placement.inline()).isFalse();
    }

    private void pooled(int calls, long nanos) {
        for (int i = 0; i < calls; i++) {
            placement.ranPooled(nanos);
        }
    }
}
