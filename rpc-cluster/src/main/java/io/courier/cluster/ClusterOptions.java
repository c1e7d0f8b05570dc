package io.courier.cluster;

import io.courier.api.internal.Arguments;

/**
 * How hard the cluster layer protects providers, per application: the retry budget of each
 * reference and the passive-health ejection of each instance. Immutable; the defaults are the
 * values {@code docs/cluster.md} describes.
 *
 * @param retryBudgetPercent retries allowed per 100 calls over the budget's 10 s window (0 to
 *     1,000; default 20)
 * @param retryBudgetMinPerSecond retries allowed per second of the window on top of the
 *     percentage, so that a quiet reference can still retry (0 to 100,000; default 10)
 * @param ejectionMillis how long an instance is left out after a connection-level failure or
 *     {@code refusalsBeforeEjection} refusals in a row; doubled per failed probe (0 to 3,600,000,
 *     0 for never; default 1,000)
 * @param maxEjectionMillis the longest ejection ({@code >= ejectionMillis}, at most 3,600,000;
 *     default 30,000)
 * @param refusalsBeforeEjection consecutive {@code SERVER_BUSY} or {@code RATE_LIMITED} answers that
 *     eject an instance (1 to 1,000; default 5)
 * @param hedgingDelayMillis {@code hedging}: the fixed wait before the second attempt (1 to
 *     3,600,000), or 0 to wait for {@code hedgingPercentile} of the method's recent latencies
 *     (default 0)
 * @param hedgingPercentile {@code hedging}: the percentile of recent latencies after which the second
 *     attempt goes out (50 to 99; default 90)
 * @param hedgingBudgetPercent {@code hedging}: second attempts allowed per 100 calls over a sliding
 *     10 s window, the cap on the extra load hedging adds (0 to 100; default 10)
 */
public record ClusterOptions(
        int retryBudgetPercent,
        int retryBudgetMinPerSecond,
        long ejectionMillis,
        long maxEjectionMillis,
        int refusalsBeforeEjection,
        long hedgingDelayMillis,
        int hedgingPercentile,
        int hedgingBudgetPercent) {

    /** The default percentile of recent latencies after which {@code hedging} sends its second attempt. */
    public static final int DEFAULT_HEDGING_PERCENTILE = 90;
    /** The default cap on {@code hedging}'s second attempts, per 100 calls. */
    public static final int DEFAULT_HEDGING_BUDGET_PERCENT = 10;

    private static final ClusterOptions DEFAULTS = builder().build();

    public ClusterOptions {
        Arguments.checkInRange(retryBudgetPercent, 0, 1_000, "retryBudgetPercent");
        Arguments.checkInRange(retryBudgetMinPerSecond, 0, 100_000, "retryBudgetMinPerSecond");
        if (ejectionMillis < 0 || ejectionMillis > 3_600_000) {
            throw new IllegalArgumentException("ejectionMillis: " + ejectionMillis + " (expected: 0 to 3600000)");
        }
        if (maxEjectionMillis < ejectionMillis || maxEjectionMillis > 3_600_000) {
            throw new IllegalArgumentException("maxEjectionMillis: " + maxEjectionMillis + " (expected: "
                    + ejectionMillis + " (ejectionMillis) to 3600000)");
        }
        Arguments.checkInRange(refusalsBeforeEjection, 1, 1_000, "refusalsBeforeEjection");
        if (hedgingDelayMillis < 0 || hedgingDelayMillis > 3_600_000) {
            throw new IllegalArgumentException(
                    "hedgingDelayMillis: " + hedgingDelayMillis + " (expected: 0 to 3600000, 0 for the percentile)");
        }
        Arguments.checkInRange(hedgingPercentile, 50, 99, "hedgingPercentile");
        Arguments.checkInRange(hedgingBudgetPercent, 0, 100, "hedgingBudgetPercent");
    }

    public static ClusterOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ClusterOptions}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int retryBudgetPercent = 20;
        private int retryBudgetMinPerSecond = 10;
        private long ejectionMillis = 1_000;
        private long maxEjectionMillis = 30_000;
        private int refusalsBeforeEjection = 5;
        private long hedgingDelayMillis;
        private int hedgingPercentile = DEFAULT_HEDGING_PERCENTILE;
        private int hedgingBudgetPercent = DEFAULT_HEDGING_BUDGET_PERCENT;

        private Builder() {}

        public Builder retryBudgetPercent(int retryBudgetPercent) {
            this.retryBudgetPercent = retryBudgetPercent;
            return this;
        }

        public Builder retryBudgetMinPerSecond(int retryBudgetMinPerSecond) {
            this.retryBudgetMinPerSecond = retryBudgetMinPerSecond;
            return this;
        }

        public Builder ejectionMillis(long ejectionMillis) {
            this.ejectionMillis = ejectionMillis;
            return this;
        }

        public Builder maxEjectionMillis(long maxEjectionMillis) {
            this.maxEjectionMillis = maxEjectionMillis;
            return this;
        }

        public Builder refusalsBeforeEjection(int refusalsBeforeEjection) {
            this.refusalsBeforeEjection = refusalsBeforeEjection;
            return this;
        }

        public Builder hedgingDelayMillis(long hedgingDelayMillis) {
            this.hedgingDelayMillis = hedgingDelayMillis;
            return this;
        }

        public Builder hedgingPercentile(int hedgingPercentile) {
            this.hedgingPercentile = hedgingPercentile;
            return this;
        }

        public Builder hedgingBudgetPercent(int hedgingBudgetPercent) {
            this.hedgingBudgetPercent = hedgingBudgetPercent;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value out of its range */
        public ClusterOptions build() {
            return new ClusterOptions(
                    retryBudgetPercent,
                    retryBudgetMinPerSecond,
                    ejectionMillis,
                    maxEjectionMillis,
                    refusalsBeforeEjection,
                    hedgingDelayMillis,
                    hedgingPercentile,
                    hedgingBudgetPercent);
        }
    }
}
