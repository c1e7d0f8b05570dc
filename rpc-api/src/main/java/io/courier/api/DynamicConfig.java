package io.courier.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The dynamic configuration of one service, pushed by the registry (in ZooKeeper:
 * {@code /courier/<serviceKey>/config}) and applied without a restart. Immutable: every collection
 * is an unmodifiable copy and no component is null. The registry builds it from a validated data
 * document (format described in {@code docs/registry.md}); an invalid document never becomes a
 * {@code DynamicConfig}.
 *
 * @param version the document's format version (currently 1)
 * @param weights weight overrides by provider address, each 0 to 10,000; 0 drains the address: it
 *     receives no calls, as if it were {@code disabled}
 * @param disabled provider addresses that must receive no calls
 * @param tagRoutes extra tags per provider address, for routing
 * @param conditionRules condition-routing rules, in the syntax of the condition router
 * @param limits filter limits by key, e.g. {@code rate-limit.qps} or {@code getUser(long).rate-limit.qps}
 * @param live reference settings that replace the consumer's own (timeout, retries, load balancer,
 *     breaker thresholds); {@link LiveSettings#NONE} when the document sets none
 */
public record DynamicConfig(
        int version,
        Map<Endpoint, Integer> weights,
        Set<Endpoint> disabled,
        Map<Endpoint, Set<String>> tagRoutes,
        List<String> conditionRules,
        Map<String, String> limits,
        LiveSettings live) {

    /** The configuration in force when none was published. */
    public static final DynamicConfig EMPTY =
            new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of(), Map.of(), LiveSettings.NONE);

    public DynamicConfig {
        weights = Map.copyOf(Objects.requireNonNull(weights, "weights"));
        disabled = Set.copyOf(Objects.requireNonNull(disabled, "disabled"));
        Objects.requireNonNull(tagRoutes, "tagRoutes");
        Map<Endpoint, Set<String>> routes = new HashMap<>(tagRoutes.size() * 2);
        tagRoutes.forEach((endpoint, tags) -> routes.put(endpoint, Set.copyOf(tags)));
        tagRoutes = Map.copyOf(routes);
        conditionRules = List.copyOf(Objects.requireNonNull(conditionRules, "conditionRules"));
        limits = Map.copyOf(Objects.requireNonNull(limits, "limits"));
        live = Objects.requireNonNullElse(live, LiveSettings.NONE);
    }

    /** A configuration without live reference settings ({@link LiveSettings#NONE}). */
    public DynamicConfig(
            int version,
            Map<Endpoint, Integer> weights,
            Set<Endpoint> disabled,
            Map<Endpoint, Set<String>> tagRoutes,
            List<String> conditionRules,
            Map<String, String> limits) {
        this(version, weights, disabled, tagRoutes, conditionRules, limits, LiveSettings.NONE);
    }

    /**
     * This configuration over {@code base} (a service's document over its application's): each
     * section this one sets wins whole (weights, disabled, tag routes, condition rules), limits and
     * live settings merge key by key with this one's winning.
     */
    public DynamicConfig over(DynamicConfig base) {
        Map<String, String> mergedLimits = new HashMap<>(base.limits);
        mergedLimits.putAll(limits);
        return new DynamicConfig(
                version,
                weights.isEmpty() ? base.weights : weights,
                disabled.isEmpty() ? base.disabled : disabled,
                tagRoutes.isEmpty() ? base.tagRoutes : tagRoutes,
                conditionRules.isEmpty() ? base.conditionRules : conditionRules,
                mergedLimits,
                live.over(base.live));
    }
}
