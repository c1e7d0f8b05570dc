package io.courier.filter.limit;

import io.courier.filter.config.FilterKeys;
import java.util.Optional;

/**
 * One token bucket's settings.
 *
 * @param qps tokens added per second; 0 refuses every call; otherwise at least 0.001
 * @param burst the bucket's size: calls accepted at once after an idle period (default: qps
 *     rounded up, at least 1)
 */
record RateLimitOptions(double qps, int burst) {

    static final double MAX_QPS = FilterKeys.MAX_QPS;
    static final int MAX_BURST = FilterKeys.MAX_BURST;

    RateLimitOptions {
        if (qps != 0 && (qps < 0.001 || qps > MAX_QPS)) {
            throw new IllegalArgumentException("qps: " + qps + " (expected: 0, or 0.001 to " + MAX_QPS + ")");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: 1 to " + MAX_BURST + ")");
        }
    }

    /**
     * The bucket described by a typed qps value (empty for {@code off}) and an optional burst;
     * empty when qps is {@code off}.
     */
    static Optional<RateLimitOptions> of(Optional<Double> qps, Optional<Integer> burst) {
        return qps.map(perSecond -> new RateLimitOptions(perSecond, burst.orElse(defaultBurst(perSecond))));
    }

    static int defaultBurst(double qps) {
        return (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(qps)));
    }
}
