package io.courier.api;

import io.courier.api.cluster.LoadBalancer;
import io.courier.api.config.ConfigKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reference settings a configuration document changes on running consumers, without a restart
 * (part of {@link DynamicConfig}; keys in {@code docs/operations.md}). Each setting is either set,
 * and then replaces the reference's own value, or unset ({@code -1}, empty text, empty map), and
 * then the reference's own value stays. Immutable.
 *
 * @param timeoutMillis each call's timeout ({@link LiveKeys#TIMEOUT_MILLIS}: >= 1), or -1
 * @param retries retries after a failed attempt ({@link LiveKeys#RETRIES}: 0 to 100), for the strategies that
 *     retry, or -1
 * @param loadBalancer the name of a {@link LoadBalancer} extension, or empty
 * @param breaker circuit-breaker thresholds by option name ({@link #BREAKER_KEYS}), each in its key's range; they apply to breakers enabled at start ({@code courier.filter.circuit-breaker.enabled})
 */
public record LiveSettings(long timeoutMillis, int retries, String loadBalancer, Map<String, Long> breaker) {

    /** Nothing set. */
    public static final LiveSettings NONE = new LiveSettings(-1, -1, "", Map.of());

    /**
     * The breaker options a document may set, named as in the breaker's configuration
     * ({@code courier.filter.circuit-breaker.<name>}; their keys are {@link LiveKeys#BREAKER}).
     */
    public static final Set<String> BREAKER_KEYS = Set.copyOf(LiveKeys.BREAKER.keySet());

    /**
     * @throws IllegalArgumentException if a setting is outside its key's range ({@link LiveKeys}), with
     *     the message that key gives every source
     */
    public LiveSettings {
        if (timeoutMillis != -1) {
            LiveKeys.TIMEOUT_MILLIS.parse(Long.toString(timeoutMillis));
        }
        if (retries != -1) {
            LiveKeys.RETRIES.parse(Integer.toString(retries));
        }
        loadBalancer = Objects.requireNonNullElse(loadBalancer, "");
        breaker = Map.copyOf(Objects.requireNonNull(breaker, "breaker"));
        for (Map.Entry<String, Long> entry : breaker.entrySet()) {
            ConfigKey<?> key = LiveKeys.BREAKER.get(entry.getKey());
            if (key == null) {
                throw new IllegalArgumentException("breaker." + entry.getKey() + ": " + entry.getValue()
                        + " (expected: one of " + new TreeSet<>(LiveKeys.BREAKER.keySet()) + ")");
            }
            key.parse(Long.toString(entry.getValue()));
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
