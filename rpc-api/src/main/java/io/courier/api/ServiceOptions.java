package io.courier.api;

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
 * @param serializers accepted serializer names (default {@code [protostuff, json]}, json for generic callers such
 *     as the gateway); requests in others are refused
 * @param executor {@code pool} (default), {@code direct} or {@code virtual}
 * @param warmupMillis how long the instance takes to reach its full weight (default 0: none)
 */
public record ServiceOptions(
        String group,
        String version,
        int weight,
        Set<String> tags,
        List<String> serializers,
        String executor,
        long warmupMillis) {

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
                .warmupMillis(warmupMillis);
    }

    /** Builds {@link ServiceOptions}; starts from the defaults. */
    public static final class Builder {
        private String group = "";
        private String version = "";
        private int weight = ServiceInstance.DEFAULT_WEIGHT;
        private Set<String> tags = Set.of();
        private List<String> serializers = List.of("protostuff", "json");
        private String executor = "pool";
        private long warmupMillis;

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

        public ServiceOptions build() {
            return new ServiceOptions(group, version, weight, tags, serializers, executor, warmupMillis);
        }
    }
}
