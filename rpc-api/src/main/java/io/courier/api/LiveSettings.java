package io.courier.api;

import io.courier.api.cluster.LoadBalancer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The reference settings a configuration document changes on running consumers, without a restart
 * (part of {@link DynamicConfig}; keys in {@code docs/operations.md}). Each setting is either set,
 * and then replaces the reference's own value, or unset ({@code -1}, empty text, empty map), and
 * then the reference's own value stays. Immutable.
 *
 * @param timeoutMillis each call's timeout (1 to 3,600,000), or -1
 * @param retries retries after a failed attempt (0 to 100), for the strategies that retry, or -1
 * @param loadBalancer the name of a {@link LoadBalancer} extension, or empty
 * @param breaker circuit-breaker thresholds by option name ({@link #BREAKER_KEYS}), each a positive
 *     integer; they apply to breakers enabled at start ({@code courier.filter.circuit-breaker.enabled})
 */
public record LiveSettings(long timeoutMillis, int retries, String loadBalancer, Map<String, Long> breaker) {

    /** Nothing set. */
    public static final LiveSettings NONE = new LiveSettings(-1, -1, "", Map.of());

    /**
     * The breaker options a document may set, named as in the breaker's configuration
     * ({@code courier.filter.circuit-breaker.<name>}).
     */
    public static final Set<String> BREAKER_KEYS = Set.of(
            "failure-rate-threshold",
            "slow-call-rate-threshold",
            "slow-call-millis",
            "minimum-calls",
            "open-millis",
            "half-open-calls");

    public LiveSettings {
        if (timeoutMillis != -1 && (timeoutMillis < 1 || timeoutMillis > 3_600_000)) {
            throw new IllegalArgumentException("timeoutMillis: " + timeoutMillis + " (expected: 1 to 3600000, or -1)");
        }
        if (retries < -1 || retries > 100) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: 0 to 100, or -1)");
        }
        loadBalancer = Objects.requireNonNullElse(loadBalancer, "");
        breaker = Map.copyOf(Objects.requireNonNull(breaker, "breaker"));
        for (Map.Entry<String, Long> entry : breaker.entrySet()) {
            if (!BREAKER_KEYS.contains(entry.getKey()) || entry.getValue() < 1) {
                throw new IllegalArgumentException("breaker." + entry.getKey() + ": " + entry.getValue()
                        + " (expected: one of " + BREAKER_KEYS + ", >= 1)");
            }
        }
    }

    /**
     * These settings over {@code base}: each setting set here wins, the others come from
     * {@code base}; breaker keys merge one by one.
     */
    public LiveSettings over(LiveSettings base) {
        Map<String, Long> merged = new HashMap<>(base.breaker);
        merged.putAll(breaker);
        return new LiveSettings(
                timeoutMillis != -1 ? timeoutMillis : base.timeoutMillis,
                retries != -1 ? retries : base.retries,
                loadBalancer.isEmpty() ? base.loadBalancer : loadBalancer,
                merged);
    }
}
