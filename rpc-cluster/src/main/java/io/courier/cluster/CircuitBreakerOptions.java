package io.courier.cluster;

/**
 * The settings of the circuit breakers of one method (on every instance of a referenced service),
 * as the configuration keys {@code courier.filter.[<method>.]circuit-breaker.*} give them.
 *
 * @param timeWindow whether the sliding window spans the last {@code windowSize} seconds rather
 *     than the last {@code windowSize} calls (default: calls)
 * @param windowSize calls (1 to 10,000; default 100) or seconds (1 to 3,600)
 * @param minimumCalls calls the window must hold before a rate is judged (default 20)
 * @param failureRateThreshold percentage of failed calls that opens the circuit (default 50)
 * @param slowCallRateThreshold percentage of slow calls that opens the circuit (default 100)
 * @param slowCallMillis a call taking at least this long is slow (default 2,000)
 * @param openMillis how long the circuit stays open before probing (default 10,000)
 * @param halfOpenCalls probe calls let through when half open (default 5)
 * @param businessExceptionsFail whether an exception thrown by the implementation counts as a
 *     failure (default false: only framework failures such as timeouts count)
 */
public record CircuitBreakerOptions(
        boolean timeWindow,
        int windowSize,
        int minimumCalls,
        int failureRateThreshold,
        int slowCallRateThreshold,
        long slowCallMillis,
        long openMillis,
        int halfOpenCalls,
        boolean businessExceptionsFail) {

    public CircuitBreakerOptions {
        check(
                windowSize >= 1 && windowSize <= (timeWindow ? 3_600 : 10_000),
                "windowSize",
                windowSize,
                timeWindow ? "1 to 3600 seconds" : "1 to 10000 calls");
        check(minimumCalls >= 1, "minimumCalls", minimumCalls, ">= 1");
        check(
                failureRateThreshold >= 1 && failureRateThreshold <= 100,
                "failureRateThreshold",
                failureRateThreshold,
                "1 to 100");
        check(
                slowCallRateThreshold >= 1 && slowCallRateThreshold <= 100,
                "slowCallRateThreshold",
                slowCallRateThreshold,
                "1 to 100");
        check(slowCallMillis >= 1, "slowCallMillis", slowCallMillis, ">= 1");
        check(openMillis >= 1, "openMillis", openMillis, ">= 1");
        check(halfOpenCalls >= 1 && halfOpenCalls <= 1_000, "halfOpenCalls", halfOpenCalls, "1 to 1000");
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static void check(boolean valid, String name, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
    }

    /** Builds {@link CircuitBreakerOptions}; starts from the defaults. */
    public static final class Builder {
        private boolean timeWindow;
        private int windowSize = 100;
        private int minimumCalls = 20;
        private int failureRateThreshold = 50;
        private int slowCallRateThreshold = 100;
        private long slowCallMillis = 2_000;
        private long openMillis = 10_000;
        private int halfOpenCalls = 5;
        private boolean businessExceptionsFail;

        private Builder() {}

        public Builder timeWindow(boolean timeWindow) {
            this.timeWindow = timeWindow;
            return this;
        }

        public Builder windowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        public Builder minimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
            return this;
        }

        public Builder failureRateThreshold(int failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
            return this;
        }

        public Builder slowCallRateThreshold(int slowCallRateThreshold) {
            this.slowCallRateThreshold = slowCallRateThreshold;
            return this;
        }

        public Builder slowCallMillis(long slowCallMillis) {
            this.slowCallMillis = slowCallMillis;
            return this;
        }

        public Builder openMillis(long openMillis) {
            this.openMillis = openMillis;
            return this;
        }

        public Builder halfOpenCalls(int halfOpenCalls) {
            this.halfOpenCalls = halfOpenCalls;
            return this;
        }

        public Builder businessExceptionsFail(boolean businessExceptionsFail) {
            this.businessExceptionsFail = businessExceptionsFail;
            return this;
        }

        public CircuitBreakerOptions build() {
            return new CircuitBreakerOptions(
                    timeWindow,
                    windowSize,
                    minimumCalls,
                    failureRateThreshold,
                    slowCallRateThreshold,
                    slowCallMillis,
                    openMillis,
                    halfOpenCalls,
                    businessExceptionsFail);
        }
    }
}
