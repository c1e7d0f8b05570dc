package io.courier.filter.limit;

import io.courier.api.config.ConfigKey;
import io.courier.filter.config.FilterKeys;
import java.util.Optional;

/**
 * The settings of the adaptive concurrency limit; the defaults need no tuning for most services.
 *
 * @param initialLimit the limit before any call has been measured (default 20)
 * @param minLimit the limit never goes below this (default 4)
 * @param maxLimit the limit never goes above this (default 1,000)
 * @param tolerance how much slower than the long-term latency a call may be before the limit
 *     shrinks: 1.5 means 50% (default 1.5)
 * @param smoothing how far one sample moves the limit towards its new estimate, 0 to 1 (default 0.2)
 * @param longWindow the number of samples the long-term latency averages over (default 600)
 * @param queueSize how many calls may queue beyond the estimated capacity; the limit's growth per
 *     sample (default 4)
 */
record AdaptiveLimitOptions(
        int initialLimit,
        int minLimit,
        int maxLimit,
        double tolerance,
        double smoothing,
        int longWindow,
        int queueSize) {

    static final AdaptiveLimitOptions DEFAULTS = builder().build();

    AdaptiveLimitOptions {
        check(minLimit >= 1, "minLimit", minLimit, ">= 1");
        check(maxLimit >= minLimit, "maxLimit", maxLimit, ">= minLimit " + minLimit);
        check(
                initialLimit >= minLimit && initialLimit <= maxLimit,
                "initialLimit",
                initialLimit,
                "minLimit " + minLimit + " to maxLimit " + maxLimit);
        check(tolerance >= 1 && tolerance <= 10, "tolerance", tolerance, "1 to 10");
        check(smoothing > 0 && smoothing <= 1, "smoothing", smoothing, "> 0 and <= 1");
        check(longWindow >= 10, "longWindow", longWindow, ">= 10");
        check(queueSize >= 1, "queueSize", queueSize, ">= 1");
    }

    static Builder builder() {
        return new Builder();
    }

    /** Where {@link #parse} finds each option's typed value (it knows the per-method fallback). */
    interface Lookup {
        <T> Optional<T> get(ConfigKey<T> key);
    }

    /** The adaptive options of {@code keys}, each found by {@code lookup}, defaults for what is unset. */
    static AdaptiveLimitOptions parse(FilterKeys.ConcurrencyKeys keys, Lookup lookup) {
        Builder builder = builder();
        lookup.get(keys.initialLimit).ifPresent(builder::initialLimit);
        lookup.get(keys.minLimit).ifPresent(builder::minLimit);
        lookup.get(keys.maxLimit).ifPresent(builder::maxLimit);
        lookup.get(keys.tolerance).ifPresent(builder::tolerance);
        lookup.get(keys.smoothing).ifPresent(builder::smoothing);
        lookup.get(keys.longWindow).ifPresent(builder::longWindow);
        lookup.get(keys.queueSize).ifPresent(builder::queueSize);
        return builder.build();
    }

    private static void check(boolean valid, String name, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
    }

    /** Builds {@link AdaptiveLimitOptions}; starts from the defaults. */
    static final class Builder {
        private int initialLimit = 20;
        private int minLimit = 4;
        private int maxLimit = 1_000;
        private double tolerance = 1.5;
        private double smoothing = 0.2;
        private int longWindow = 600;
        private int queueSize = 4;

        private Builder() {}

        Builder initialLimit(int initialLimit) {
            this.initialLimit = initialLimit;
            return this;
        }

        Builder minLimit(int minLimit) {
            this.minLimit = minLimit;
            return this;
        }

        Builder maxLimit(int maxLimit) {
            this.maxLimit = maxLimit;
            return this;
        }

        Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        Builder smoothing(double smoothing) {
            this.smoothing = smoothing;
            return this;
        }

        Builder longWindow(int longWindow) {
            this.longWindow = longWindow;
            return this;
        }

        Builder queueSize(int queueSize) {
            this.queueSize = queueSize;
            return this;
        }

        AdaptiveLimitOptions build() {
            return new AdaptiveLimitOptions(
                    initialLimit, minLimit, maxLimit, tolerance, smoothing, longWindow, queueSize);
        }
    }
}
