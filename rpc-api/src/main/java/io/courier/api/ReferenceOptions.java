package io.courier.api;

import io.courier.api.cluster.Cluster;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.internal.Arguments;
import io.courier.api.serialization.Serializer;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a consumer calls one service. Immutable; validated when built. {@link Reference} attributes,
 * builder calls and configuration keys all end up here.
 *
 * @param group the service group; empty for none
 * @param version the service version; empty for none
 * @param timeoutMillis per-attempt timeout (default 3,000)
 * @param retries extra attempts after a failure that is safe to retry (default 2)
 * @param cluster the {@link Cluster} extension name (default {@code failover})
 * @param loadBalancer the {@link LoadBalancer} extension name (default {@code random})
 * @param serializer the {@link Serializer} extension name requests are written in, or {@code auto} (the
 *     default): {@code fory} to a provider that lists it (or to a direct address), else {@code protostuff}
 * @param directEndpoints providers to call directly, bypassing the registry; empty to use the registry
 * @param onewayMethods names of methods called oneway in addition to {@link Oneway} ones
 * @param fallback the class answering when the cluster gives up, or {@code null}
 * @param forceMock the class answering every call instead of any provider, or {@code null}; for a
 *     dependency that is down in a development environment, never for production (the application
 *     logs a WARN at start and shows a metric while it is active)
 * @param tag the routing tag calls carry by default; empty for none
 * @param forceTag whether a tagged call fails instead of falling back to untagged instances
 * @param connections connections per provider endpoint (default 1, shared and multiplexed)
 * @param required whether creating the reference fails when the registry lists no provider of the
 *     service by the end of {@code courier.registry.first-list-wait-millis} (Dubbo's {@code
 *     check=true}); default false: the reference is created at once, its first call waits up to that
 *     long (from the call) for a provider, and calls fail with {@code NO_PROVIDER} while there is none.
 *     Direct addresses are not checked.
 * @param protocol the protocol calls travel by: {@value ServiceInstance#COURIER_PROTOCOL} (the default),
 *     Courier's own, or the one an instance names for itself (another framework's provider, its {@link
 *     ServiceInstance#callProtocol()}); another call protocol's name (for example {@code grpc}, with
 *     {@code rpc-grpc} on the class path): that protocol for every instance whose {@link
 *     ServiceInstance#protocols()} list it, and for every direct endpoint (a {@code grpc://host:port}
 *     address sets it)
 */
public record ReferenceOptions(
        String group,
        String version,
        long timeoutMillis,
        int retries,
        String cluster,
        String loadBalancer,
        String serializer,
        List<Endpoint> directEndpoints,
        Set<String> onewayMethods,
        Class<?> fallback,
        Class<?> forceMock,
        String tag,
        boolean forceTag,
        int connections,
        boolean required,
        String protocol) {

    public static final long DEFAULT_TIMEOUT_MILLIS = 3_000;
    public static final int DEFAULT_RETRIES = 2;

    public ReferenceOptions {
        group = Objects.requireNonNullElse(group, "");
        version = Objects.requireNonNullElse(version, "");
        Arguments.checkPositive(timeoutMillis, "timeoutMillis");
        Arguments.checkInRange(retries, 0, 100, "retries");
        Arguments.checkNotBlank(cluster, "cluster");
        Arguments.checkNotBlank(loadBalancer, "loadBalancer");
        Arguments.checkNotBlank(serializer, "serializer");
        directEndpoints = List.copyOf(directEndpoints);
        onewayMethods = Set.copyOf(onewayMethods);
        tag = Objects.requireNonNullElse(tag, "");
        Arguments.checkInRange(connections, 1, 64, "connections");
        protocol = protocol == null || protocol.isBlank() ? ServiceInstance.COURIER_PROTOCOL : protocol;
    }

    /** The options with every default. */
    public static ReferenceOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .group(group)
                .version(version)
                .timeoutMillis(timeoutMillis)
                .retries(retries)
                .cluster(cluster)
                .loadBalancer(loadBalancer)
                .serializer(serializer)
                .directEndpoints(directEndpoints)
                .onewayMethods(onewayMethods)
                .fallback(fallback)
                .forceMock(forceMock)
                .tag(tag)
                .forceTag(forceTag)
                .connections(connections)
                .required(required)
                .protocol(protocol);
    }

    /** Builds {@link ReferenceOptions}; starts from the defaults. */
    public static final class Builder {
        private String group = "";
        private String version = "";
        private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        private int retries = DEFAULT_RETRIES;
        private String cluster = "failover";
        private String loadBalancer = "random";
        private String serializer = "auto";
        private List<Endpoint> directEndpoints = List.of();
        private Set<String> onewayMethods = Set.of();
        private Class<?> fallback;
        private Class<?> forceMock;
        private String tag = "";
        private boolean forceTag;
        private int connections = 1;
        private boolean required;
        private String protocol = ServiceInstance.COURIER_PROTOCOL;

        private Builder() {}

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder timeoutMillis(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
            return this;
        }

        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder loadBalancer(String loadBalancer) {
            this.loadBalancer = loadBalancer;
            return this;
        }

        public Builder serializer(String serializer) {
            this.serializer = serializer;
            return this;
        }

        public Builder directEndpoints(List<Endpoint> directEndpoints) {
            this.directEndpoints = directEndpoints;
            return this;
        }

        public Builder onewayMethods(Set<String> onewayMethods) {
            this.onewayMethods = onewayMethods;
            return this;
        }

        public Builder fallback(Class<?> fallback) {
            this.fallback = fallback;
            return this;
        }

        public Builder forceMock(Class<?> forceMock) {
            this.forceMock = forceMock;
            return this;
        }

        public Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        public Builder forceTag(boolean forceTag) {
            this.forceTag = forceTag;
            return this;
        }

        public Builder connections(int connections) {
            this.connections = connections;
            return this;
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        public ReferenceOptions build() {
            return new ReferenceOptions(
                    group,
                    version,
                    timeoutMillis,
                    retries,
                    cluster,
                    loadBalancer,
                    serializer,
                    directEndpoints,
                    onewayMethods,
                    fallback,
                    forceMock,
                    tag,
                    forceTag,
                    connections,
                    required,
                    protocol);
        }
    }
}
