package io.courier.cluster.internal;

/**
 * The cluster layer's source of time, so that latency averages, warm-up ramps, ejections and the
 * retry budget can be tested with a fake clock. Implementations are thread-safe.
 */
public interface Ticker {

    /** The system clocks. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long wallMillis() {
            return System.currentTimeMillis();
        }
    };

    /** A monotonic reading in nanoseconds, for durations only ({@link System#nanoTime()}). */
    long nanoTime();

    /** Wall-clock time in epoch milliseconds, compared with providers' start times for warm-up. */
    long wallMillis();
}
