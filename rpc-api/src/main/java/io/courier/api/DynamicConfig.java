package io.courier.api;

import java.util.Map;
import java.util.Set;

/**
 * The dynamic configuration of one service, pushed by the registry (in ZooKeeper:
 * {@code /courier/<serviceKey>/config}) and applied without a restart. Immutable.
 *
 * @param version the document's format version
 * @param weights weight overrides by provider address
 * @param disabled provider addresses that must receive no calls
 * @param tagRoutes extra tags per provider address, for routing
 * @param conditionRules condition-routing rules, in the syntax of the condition router
 * @param limits filter limits by key, e.g. {@code rate-limit.qps} or {@code getUser(long).rate-limit.qps}
 */
public record DynamicConfig(
        int version,
        Map<Endpoint, Integer> weights,
        Set<Endpoint> disabled,
        Map<Endpoint, Set<String>> tagRoutes,
        java.util.List<String> conditionRules,
        Map<String, String> limits) {

    /** The configuration in force when none was published. */
    public static final DynamicConfig EMPTY =
            new DynamicConfig(1, Map.of(), Set.of(), Map.of(), java.util.List.of(), Map.of());

    public DynamicConfig {
        weights = Map.copyOf(weights);
        disabled = Set.copyOf(disabled);
        tagRoutes = Map.copyOf(tagRoutes);
        conditionRules = java.util.List.copyOf(conditionRules);
        limits = Map.copyOf(limits);
    }
}
