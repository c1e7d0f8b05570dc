package io.courier.api;

import io.courier.api.coordination.CoordinationNames;
import io.courier.api.internal.Arguments;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a provider exports one service. Immutable; validated when built. {@link Export} attributes,
 * builder calls and configuration keys all end up here.
 *
 * @param group the service group; empty for none
 * @param version the service version; empty for none
 * @param weight load-balancing weight, 1 to 10,000 (default 100)
 * @param tags routing tags
 * @param serializers accepted serializer names (default {@code [auto, json]}: {@code auto} is {@code fory}
 *     and {@code protostuff}; json for generic callers such as the gateway); requests in others are refused
 * @param executor {@code pool} (default), {@code direct} or {@code virtual}
 * @param warmupMillis how long the instance takes to reach its full weight (default 0: none)
 * @param leaderGroup empty (default) to register whenever exported; else the leader-election group
 *     ({@link CoordinationNames}) whose leader alone registers the service
 */
public record ServiceOptions(
        String group,
        String version,
        int weight,
        Set<String> tags,
        List<String> serializers,
        String executor,
        long warmupMillis,
        String leaderGroup) {

    /** The executors a service may run on. */
    public static final Set<String> EXECUTORS = Set.of("pool", "direct", "virtual");

    public ServiceOptions {
        group = Objects.requireNonNullElse(group, "");
        version = Objects.requireNonNullElse(version, "");
        Arguments.checkInRange(weight, 1, 10_000, "weight");
        tags = Set.copyOf(tags);
        serializers = List.copyOf(serializers);
        if (serializers.isEmpty()) {
            throw new IllegalArgumentException("serializers: [] (expected: at least one serializer name)");
        }
        if (!EXECUTORS.contains(executor)) {
            throw new IllegalArgumentException("executor: '" + executor + "' (expected: one of pool, direct, virtual)");
        }
        Arguments.checkNotNegative(warmupMillis, "warmupMillis");
        leaderGroup = Objects.requireNonNullElse(leaderGroup, "");
        if (!leaderGroup.isEmpty()) {
            CoordinationNames.check("leaderGroup", leaderGroup);
        }
    }

    /** Options that register whenever exported (no leader group). */
    public ServiceOptions(
            String group,
            String version,
            int weight,
            Set<String> tags,
            List<String> serializers,
            String executor,
            long warmupMillis) {
        this(group, version, weight, tags, serializers, executor, warmupMillis, "");
    }

    /** Whether the service is registered only while this instance leads {@link #leaderGroup()}. */
    public boolean leaderOnly() {
        return !leaderGroup.isEmpty();
    }

    public static ServiceOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .group(group)
                .version(version)
                .weight(weight)
                .tags(tags)
                .serializers(serializers)
                .executor(executor)
                .warmupMillis(warmupMillis)
                .leaderGroup(leaderGroup);
    }

    /** Builds {@link ServiceOptions}; starts from the defaults. */
    public static final class Builder {
        private String group = "";
        private String version = "";
        private int weight = ServiceInstance.DEFAULT_WEIGHT;
        private Set<String> tags = Set.of();
        private List<String> serializers = List.of("auto", "json");
        private String executor = "pool";
        private long warmupMillis;
        private String leaderGroup = "";

        private Builder() {}

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder weight(int weight) {
            this.weight = weight;
            return this;
        }

        public Builder tags(Set<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder serializers(List<String> serializers) {
            this.serializers = serializers;
            return this;
        }

        public Builder executor(String executor) {
            this.executor = executor;
            return this;
        }

        public Builder warmupMillis(long warmupMillis) {
            this.warmupMillis = warmupMillis;
            return this;
        }

        /**
         * Registers the service only while this instance leads {@code leaderGroup} (empty: always);
         * see {@code docs/coordination.md}.
         */
        public Builder leaderGroup(String leaderGroup) {
            this.leaderGroup = leaderGroup;
            return this;
        }

        public ServiceOptions build() {
            return new ServiceOptions(group, version, weight, tags, serializers, executor, warmupMillis, leaderGroup);
        }
    }
}
