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
 */
public record ClusterOptions(
        int retryBudgetPercent,
        int retryBudgetMinPerSecond,
        long ejectionMillis,
        long maxEjectionMillis,
        int refusalsBeforeEjection) {

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

        /** @throws IllegalArgumentException naming the first value out of its range */
        public ClusterOptions build() {
            return new ClusterOptions(
                    retryBudgetPercent,
                    retryBudgetMinPerSecond,
                    ejectionMillis,
                    maxEjectionMillis,
                    refusalsBeforeEjection);
        }
    }
}
