package io.courier.filter.limit;

import io.courier.filter.internal.Setting;
import java.util.Optional;

/**
 * One token bucket's settings.
 *
 * @param qps tokens added per second; 0 refuses every call; otherwise at least 0.001
 * @param burst the bucket's size: calls accepted at once after an idle period (default: qps
 *     rounded up, at least 1)
 */
record RateLimitOptions(double qps, int burst) {

    static final String QPS = "qps";
    static final String BURST = "burst";
    /** A qps value that removes a limit (in dynamic configuration, to lift a static one). */
    static final String OFF = "off";

    static final double MAX_QPS = 1_000_000_000;
    static final int MAX_BURST = 100_000_000;

    RateLimitOptions {
        if (qps != 0 && (qps < 0.001 || qps > MAX_QPS)) {
            throw new IllegalArgumentException("qps: " + qps + " (expected: 0, or 0.001 to " + MAX_QPS + ")");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("burst: " + burst + " (expected: 1 to " + MAX_BURST + ")");
        }
    }

    /**
     * The bucket described by a qps setting and an optional burst setting; empty when qps is
     * {@code off}.
     */
    static Optional<RateLimitOptions> parse(Setting qps, Optional<Setting> burst) {
        if (OFF.equalsIgnoreCase(qps.value())) {
            return Optional.empty();
        }
        String expected = "0, or 0.001 to " + MAX_QPS + ", or off";
        double perSecond;
        try {
            perSecond = qps.asDouble(0, MAX_QPS);
        } catch (IllegalArgumentException e) {
            throw qps.invalid(expected);
        }
        if (perSecond != 0 && perSecond < 0.001) {
            throw qps.invalid(expected);
        }
        int size = burst.map(setting -> setting.asInt(1, MAX_BURST)).orElse(defaultBurst(perSecond));
        return Optional.of(new RateLimitOptions(perSecond, size));
    }

    static int defaultBurst(double qps) {
        return (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(qps)));
    }
}
