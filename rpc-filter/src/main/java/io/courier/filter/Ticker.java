package io.courier.filter;

import io.courier.api.FilterContext;

/**
 * The time source of Courier's filters: rate limits, concurrency limits,
 * deadlines and signatures read the time only through it, so that a test can drive them with a
 * fake clock by registering its own {@code Ticker} as the application's shared object.
 * Implementations are thread-safe and cheap.
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

    /** A monotonic time in nanoseconds with an arbitrary origin, for measuring intervals. */
    long nanoTime();

    /** The wall-clock time in milliseconds since the epoch, for timestamps other hosts read. */
    long currentTimeMillis();

    /** The application's ticker: the one registered as its shared {@code Ticker}, else {@link #SYSTEM}. */
    static Ticker of(FilterContext context) {
        return context.shared(Ticker.class, () -> SYSTEM);
    }
}
