package io.courier.api.time;

/**
 * The time source of Courier's call path: rate and concurrency limits, deadlines, signatures,
 * metrics and access logs (filters), and latency averages, warm-up ramps, ejections, circuit
 * breakers and the retry budget (the cluster layer) read the time only through it, so that a test
 * can drive them with a fake clock. A filter gets the application's ticker from
 * {@link io.courier.api.filter.FilterContext#ticker()}; an application registers its own as the shared
 * object of type {@code Ticker}.
 *
 * <p>Implementations are thread-safe, cheap and non-blocking: they are read on every call.
 */
public interface Ticker {

    /** The system clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public String toString() {
            return "Ticker.SYSTEM";
        }
    };

    /**
     * A monotonic time in nanoseconds with an arbitrary origin, for measuring intervals only (as
     * {@link System#nanoTime()}); compare two readings by their difference.
     */
    long nanoTime();

    /**
     * The wall-clock time in milliseconds since the epoch, for what other hosts read or wrote
     * (timestamps, a provider's start time for its warm-up).
     */
    long currentTimeMillis();
}
