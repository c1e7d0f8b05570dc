package io.courier.cluster.strategy;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latencies of one method's last {@value #SIZE} answered calls, and a percentile of them, for
 * {@code hedging}'s delay. Recording is two atomic writes; the percentile is recomputed (a copy and
 * a sort of {@value #SIZE} longs) by one thread at a time, at most once per {@value #RECOMPUTE_EVERY}
 * samples, and read from a cached snapshot in between. Thread-safe; approximate under contention by
 * a sample or two, which a percentile does not notice.
 */
final class LatencyWindow {

    static final int SIZE = 256;
    /** Fewer samples than this say too little about the tail: no percentile yet. */
    static final int MIN_SAMPLES = 20;

    static final int RECOMPUTE_EVERY = 16;

    private final AtomicLongArray ring = new AtomicLongArray(SIZE);
    private final AtomicLong count = new AtomicLong();
    private final AtomicBoolean computing = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(0, -1, -1);

    private record Snapshot(int percentile, long atCount, long nanos) {}

    void record(long nanos) {
        long n = count.getAndIncrement();
        ring.lazySet((int) (n & (SIZE - 1)), Math.max(1, nanos));
    }

    /** The {@code percentile}th percentile of the recent latencies in nanoseconds, or -1 while there are too few. */
    long percentileNanos(int percentile) {
        long n = count.get();
        if (n < MIN_SAMPLES) {
            return -1;
        }
        Snapshot cached = snapshot;
        boolean current = cached.percentile == percentile && n - cached.atCount < RECOMPUTE_EVERY;
        if (current || !computing.compareAndSet(false, true)) {
            return cached.percentile == percentile ? cached.nanos : -1;
        }
        try {
            int size = (int) Math.min(n, SIZE);
            long[] samples = new long[size];
            for (int i = 0; i < size; i++) {
                samples[i] = ring.get(i);
            }
            Arrays.sort(samples);
            int index = Math.min(size - 1, (int) Math.ceil(size * percentile / 100.0) - 1);
            long nanos = samples[Math.max(0, index)];
            snapshot = new Snapshot(percentile, n, nanos);
            return nanos;
        } finally {
            computing.set(false);
        }
    }
}
