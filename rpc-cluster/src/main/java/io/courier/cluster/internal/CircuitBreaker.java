package io.courier.cluster.internal;

import io.courier.cluster.CircuitBreakerOptions;
import io.courier.cluster.CircuitState;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuit breaker of one method on one provider instance.
 *
 * <pre>
 *            failure or slow rate &gt;= threshold
 *   CLOSED ------------------------------------&gt; OPEN  (calls fail fast)
 *     ^                                          |  ^
 *     | all probes done, rates below thresholds  |  | probes' rates &gt;= threshold
 *     |                                          v  |
 *     +-------------------------------------- HALF_OPEN  (openMillis later, on the next call;
 *                                                          halfOpenCalls probes pass)
 * </pre>
 *
 * Each state change starts a new generation; an outcome reported for a call admitted in an
 * earlier generation is ignored, so a slow call admitted before the circuit opened cannot close
 * it. Admission in the closed state is one volatile read; outcomes are recorded under this
 * object's lock.
 */
final class CircuitBreaker {

    /** Told about every state change, under the breaker's lock. */
    interface Listener {
        void onTransition(CircuitBreaker breaker, CircuitState from, CircuitState to, String why);
    }

    static final long REFUSED = -1;

    // thresholds follow the live configuration (reconfigure); the window's shape is fixed at start
    private volatile CircuitBreakerOptions options;
    private final SlidingWindow window;
    private final Listener listener;
    private volatile long slowNanos;
    private volatile long openNanos;
    private final AtomicInteger probesStarted = new AtomicInteger();
    private volatile CircuitState state = CircuitState.CLOSED;
    private volatile long generation;
    private volatile long openedAtNanos;
    private int probesDone;
    private int probeFailures;
    private int probeSlowCalls;

    CircuitBreaker(CircuitBreakerOptions options, Listener listener) {
        this.options = options;
        this.window = SlidingWindow.of(options);
        this.listener = listener;
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(options.slowCallMillis());
        this.openNanos = TimeUnit.MILLISECONDS.toNanos(options.openMillis());
    }

    /**
     * Takes new thresholds (rates, slow-call time, minimum calls, open time, probes) for the next
     * judgements; the window type and size stay those the breaker was made with.
     */
    void reconfigure(CircuitBreakerOptions next) {
        this.slowNanos = TimeUnit.MILLISECONDS.toNanos(next.slowCallMillis());
        this.openNanos = TimeUnit.MILLISECONDS.toNanos(next.openMillis());
        this.options = next;
    }

    CircuitState state() {
        return state;
    }

    /**
     * Whether {@link #tryAcquire} at {@code nowNanos} could admit a call, without changing any state:
     * {@code false} while open and the open period has not ended, and while half-open once every
     * probe has been handed out (until the probes' outcomes close or reopen the circuit), so that a
     * caller choosing an instance does not pick one that would answer {@code CIRCUIT_OPEN}. A probe
     * is still taken by whichever call comes first.
     */
    boolean admits(long nowNanos) {
        CircuitState current = state;
        if (current == CircuitState.OPEN) {
            return nowNanos - openedAtNanos >= openNanos;
        }
        return current != CircuitState.HALF_OPEN || probesStarted.get() < options.halfOpenCalls();
    }

    /**
     * Admits a call at {@code nowNanos}: returns the generation to report its outcome with, or
     * {@link #REFUSED}.
     */
    long tryAcquire(long nowNanos) {
        CircuitState current = state;
        if (current == CircuitState.CLOSED) {
            return generation;
        }
        if (current == CircuitState.OPEN) {
            if (nowNanos - openedAtNanos < openNanos) {
                return REFUSED;
            }
            synchronized (this) {
                if (state == CircuitState.OPEN && nowNanos - openedAtNanos >= openNanos) {
                    transition(CircuitState.HALF_OPEN, nowNanos, "open for " + options.openMillis() + " ms");
                }
            }
        }
        long admitted = generation;
        CircuitState now = state;
        if (now == CircuitState.CLOSED) {
            return admitted;
        }
        if (now == CircuitState.HALF_OPEN && probesStarted.incrementAndGet() <= options.halfOpenCalls()) {
            return admitted;
        }
        return REFUSED;
    }

    /** Reports the outcome of a call admitted in {@code admittedGeneration}. */
    synchronized void onOutcome(long admittedGeneration, long nowNanos, long durationNanos, boolean failed) {
        if (admittedGeneration != generation) {
            return;
        }
        boolean slow = durationNanos >= slowNanos;
        if (state == CircuitState.CLOSED) {
            window.record(nowNanos, failed, slow);
            judge(window.calls(), window.failures(), window.slowCalls(), options.minimumCalls(), nowNanos);
        } else if (state == CircuitState.HALF_OPEN) {
            probesDone++;
            probeFailures += failed ? 1 : 0;
            probeSlowCalls += slow ? 1 : 0;
            if (probesDone >= options.halfOpenCalls()) {
                if (!judge(probesDone, probeFailures, probeSlowCalls, probesDone, nowNanos)) {
                    transition(CircuitState.CLOSED, nowNanos, probesDone + " probes passed");
                }
            }
        }
    }

    /** Opens the circuit if the rates of {@code calls} reach a threshold; returns whether it did. */
    private boolean judge(int calls, int failures, int slowCalls, int minimumCalls, long nowNanos) {
        if (calls < minimumCalls) {
            return false;
        }
        int failureRate = failures * 100 / calls;
        int slowRate = slowCalls * 100 / calls;
        if (failureRate >= options.failureRateThreshold()) {
            transition(
                    CircuitState.OPEN,
                    nowNanos,
                    "failure rate " + failureRate + "% >= " + options.failureRateThreshold() + "% of " + calls
                            + " calls");
            return true;
        }
        if (slowRate >= options.slowCallRateThreshold()) {
            transition(
                    CircuitState.OPEN,
                    nowNanos,
                    "slow call rate " + slowRate + "% >= "
                            + options.slowCallRateThreshold() + "% of " + calls + " calls (>= "
                            + options.slowCallMillis()
                            + " ms)");
            return true;
        }
        return false;
    }

    private void transition(CircuitState to, long nowNanos, String why) {
        CircuitState from = state;
        generation++;
        if (to == CircuitState.OPEN) {
            openedAtNanos = nowNanos;
        } else if (to == CircuitState.HALF_OPEN) {
            probesStarted.set(0);
            probesDone = 0;
            probeFailures = 0;
            probeSlowCalls = 0;
        } else {
            window.reset();
        }
        // Written last: a call that sees the new state also sees its generation and timestamps.
        state = to;
        listener.onTransition(this, from, to, why);
    }
}
