package io.courier.filter.limit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of {@code burst} tokens refilled at {@code qps} tokens per second, implemented as
 * the generic cell rate algorithm: one atomic "theoretical arrival time" (TAT) instead of a token
 * count and a refill timestamp, so that taking a token is a single compare-and-set and never
 * locks.
 *
 * <pre>
 * interval = 1 s / qps
 * accept at now  iff  max(TAT, now) + interval - now &lt;= burst * interval ;  then TAT += ...
 * </pre>
 *
 * A bucket starts full: over any span T after an idle period it accepts at most
 * {@code burst + T * qps} calls. The rate can change at run time; tokens already taken stay taken.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final AtomicLong theoreticalArrival;
    private volatile Rate rate;

    TokenBucket(double qps, int burst, long nowNanos) {
        this.rate = Rate.of(qps, burst);
        this.theoreticalArrival = new AtomicLong(nowNanos);
    }

    /** Takes one token if there is one at {@code nowNanos}. */
    boolean tryAcquire(long nowNanos) {
        Rate current = rate;
        if (current.refusesAll()) {
            return false;
        }
        while (true) {
            long arrival = theoreticalArrival.get();
            long start = arrival - nowNanos > 0 ? arrival : nowNanos;
            long next = start + current.intervalNanos;
            if (next - nowNanos > current.toleranceNanos) {
                return false;
            }
            if (theoreticalArrival.compareAndSet(arrival, next)) {
                return true;
            }
        }
    }

    /** Gives back a token taken by {@link #tryAcquire} for a call that another limit then refused. */
    void refund() {
        Rate current = rate;
        if (!current.refusesAll()) {
            theoreticalArrival.addAndGet(-current.intervalNanos);
        }
    }

    void update(double qps, int burst) {
        rate = Rate.of(qps, burst);
    }

    double qps() {
        return rate.qps;
    }

    private record Rate(double qps, long intervalNanos, long toleranceNanos) {

        static Rate of(double qps, int burst) {
            if (qps <= 0) {
                return new Rate(0, Long.MAX_VALUE, 0);
            }
            long interval = Math.max(1, (long) Math.ceil(NANOS_PER_SECOND / qps));
            // Saturate rather than overflow for absurdly slow rates with large bursts.
            long tolerance = interval > Long.MAX_VALUE / 4 / burst ? Long.MAX_VALUE / 4 : interval * burst;
            return new Rate(qps, interval, tolerance);
        }

        boolean refusesAll() {
            return qps <= 0;
        }
    }
}
