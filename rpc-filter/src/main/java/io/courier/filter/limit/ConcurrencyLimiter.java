package io.courier.filter.limit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls of one method that are executing (provider) or in flight (consumer) and admits
 * a new one only below the limit. Admission is a compare-and-set loop, so the count of admitted
 * calls never exceeds the limit, not even for an instant.
 */
abstract sealed class ConcurrencyLimiter {

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Admits a call: returns the in-flight count including it, or -1 if the limit is reached. */
    final int tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit()) {
                return -1;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    /**
     * Ends an admitted call.
     *
     * @param inFlightAtStart what {@link #tryAcquire()} returned for it
     * @param rttNanos how long it took
     * @param ran whether it ran (a call refused further down the chain says nothing about latency)
     */
    final void release(int inFlightAtStart, long rttNanos, boolean ran) {
        inFlight.decrementAndGet();
        if (ran) {
            onSample(rttNanos, inFlightAtStart);
        }
    }

    final int inFlight() {
        return inFlight.get();
    }

    abstract int limit();

    /** {@link LimitExceededException#CONCURRENCY} or {@link LimitExceededException#ADAPTIVE}. */
    abstract String reason();

    abstract void onSample(long rttNanos, int inFlightAtStart);

    /** A limit set by configuration, changeable at run time. */
    static final class Fixed extends ConcurrencyLimiter {
        private volatile int max;

        Fixed(int max) {
            this.max = max;
        }

        void max(int max) {
            this.max = max;
        }

        @Override
        int limit() {
            return max;
        }

        @Override
        String reason() {
            return LimitExceededException.CONCURRENCY;
        }

        @Override
        void onSample(long rttNanos, int inFlightAtStart) {}
    }

    /** A limit that follows the measured latency ({@link GradientLimit}). */
    static final class Adaptive extends ConcurrencyLimiter {
        private final GradientLimit gradient;

        Adaptive(AdaptiveLimitOptions options) {
            this.gradient = new GradientLimit(options);
        }

        @Override
        int limit() {
            return gradient.limit();
        }

        @Override
        String reason() {
            return LimitExceededException.ADAPTIVE;
        }

        @Override
        void onSample(long rttNanos, int inFlightAtStart) {
            gradient.onSample(rttNanos, inFlightAtStart);
        }
    }
}
