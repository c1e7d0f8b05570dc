package io.courier.cluster.strategy;

import io.courier.api.cluster.CandidateSelector;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.internal.RoutingSelector;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps retries so that a failing instance or a struggling service does not turn every call into
 * several: over a sliding window of {@value #WINDOW_SECONDS} s, retries may not exceed
 * {@value #RATIO_PERCENT}% of the calls plus a floor of {@value #MIN_RETRIES_PER_SECOND} retries
 * per second of window (so that a quiet service can still retry), or the figures of the reference's
 * {@link io.courier.cluster.ClusterOptions}. One budget per reference.
 *
 * <p>Counts live in one-second buckets in a ring. Recording a call is one counter increment;
 * asking for a retry sums the ring. Under contention at a bucket boundary a count can land in the
 * neighbouring second: the budget is approximate by a few calls, never unbounded. Thread-safe.
 */
final class RetryBudget {

    static final int RATIO_PERCENT = 20;
    static final int MIN_RETRIES_PER_SECOND = 10;
    static final int WINDOW_SECONDS = 10;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Ticker ticker;
    private final long origin;
    private final Bucket[] ring = new Bucket[WINDOW_SECONDS];
    private final int ratioPercent;
    private final int minRetriesPerSecond;

    RetryBudget(Ticker ticker) {
        this(ticker, RATIO_PERCENT, MIN_RETRIES_PER_SECOND);
    }

    /** A budget of {@code ratioPercent}% of the calls plus {@code minRetriesPerSecond} per second of window. */
    RetryBudget(Ticker ticker, int ratioPercent, int minRetriesPerSecond) {
        this.ratioPercent = ratioPercent;
        this.minRetriesPerSecond = minRetriesPerSecond;
        this.ticker = ticker;
        this.origin = ticker.nanoTime();
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Bucket();
        }
    }

    /** The budget of a reference: its {@link ClusterOptions}, the defaults for a foreign selector. */
    static RetryBudget of(CandidateSelector selector, Ticker ticker) {
        ClusterOptions options =
                selector instanceof RoutingSelector routing ? routing.clusterOptions() : ClusterOptions.defaults();
        return new RetryBudget(ticker, options.retryBudgetPercent(), options.retryBudgetMinPerSecond());
    }

    /** Records one call (not one attempt): each call earns a fifth of a retry. */
    void onCall() {
        bucket(second()).calls.increment();
    }

    /** Takes one retry from the budget; {@code false} when the budget is spent. */
    boolean tryRetry() {
        long now = second();
        long calls = 0;
        long retries = 0;
        for (Bucket bucket : ring) {
            long stamp = bucket.second;
            if (stamp > now - WINDOW_SECONDS && stamp <= now) {
                calls += bucket.calls.sum();
                retries += bucket.retries.get();
            }
        }
        long allowed = calls * ratioPercent / 100 + (long) minRetriesPerSecond * WINDOW_SECONDS;
        if (retries >= allowed) {
            return false;
        }
        bucket(now).retries.incrementAndGet();
        return true;
    }

    private long second() {
        return (ticker.nanoTime() - origin) / NANOS_PER_SECOND;
    }

    private Bucket bucket(long second) {
        Bucket bucket = ring[(int) (second % WINDOW_SECONDS)];
        if (bucket.second != second) {
            synchronized (bucket) {
                if (bucket.second != second) {
                    bucket.calls.reset();
                    bucket.retries.set(0);
                    // Written last: a reader that sees the new second sees the reset counters.
                    bucket.second = second;
                }
            }
        }
        return bucket;
    }

    private static final class Bucket {
        final LongAdder calls = new LongAdder();
        final AtomicLong retries = new AtomicLong();
        volatile long second = -1;
    }
}
