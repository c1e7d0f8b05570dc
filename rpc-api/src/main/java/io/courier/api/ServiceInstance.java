package io.courier.api;

import io.courier.api.internal.Arguments;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One provider of one service, as registered and discovered: where it listens and what it offers.
 * Immutable; build it with {@link #builder(ServiceKey, Endpoint)}.
 *
 * @param serviceKey the service it provides
 * @param endpoint where it listens
 * @param application the providing application's name
 * @param weight relative load-balancing weight, 1 to 10,000
 * @param tags routing tags, e.g. {@code canary}
 * @param startedAtMillis when the instance started (epoch millis), the start of its warm-up
 * @param warmupMillis how long it takes to reach its full weight; 0 for no warm-up
 * @param serializers the serializer names it accepts, preferred first
 * @param methods the method descriptors it serves ({@link MethodDescriptor#descriptor()})
 * @param protocolVersion the highest wire-protocol version it speaks
 * @param metadata anything else the provider publishes, string to string
 */
public record ServiceInstance(
        ServiceKey serviceKey,
        Endpoint endpoint,
        String application,
        int weight,
        Set<String> tags,
        long startedAtMillis,
        long warmupMillis,
        List<String> serializers,
        List<String> methods,
        int protocolVersion,
        Map<String, String> metadata) {

    /** The weight an instance gets when none is configured. */
    public static final int DEFAULT_WEIGHT = 100;

    /**
     * The {@link #metadata()} key listing, comma-separated, the protocols the instance's port serves
     * beside Courier's own (for example {@code grpc}); absent when it serves Courier's only.
     */
    public static final String METADATA_PROTOCOLS = "protocols";

    /**
     * The {@link #metadata()} key whose value, when present, asks a registry that knows Apache Dubbo's
     * layout to register the instance there too: the query of the {@code dubbo://host:port/interface?...}
     * URL Dubbo's consumers read (application, methods, serialization and the like), host, port and
     * interface being the instance's own. Set by the {@code dubbo} port protocol for the services its
     * configuration lists; see {@code docs/dubbo.md}.
     */
    public static final String METADATA_DUBBO_URL_PARAMETERS = "dubbo.url-parameters";

    /**
     * The {@link #metadata()} key naming the protocol a consumer calls the instance by when it is not
     * Courier's own: a provider of another framework, found in that framework's registry layout (for
     * example {@code dubbo}, a stock Apache Dubbo provider). A consumer calls such an instance through
     * the call protocol of that name ({@code io.courier.transport.CallProtocol}); absent for Courier's
     * providers.
     */
    public static final String METADATA_CALL_PROTOCOL = "call-protocol";

    /** The protocol every Courier provider's port serves. */
    public static final String COURIER_PROTOCOL = "courier";

    public ServiceInstance {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(endpoint, "endpoint");
        application = application == null ? "" : application;
        Arguments.checkInRange(weight, 1, 10_000, "weight");
        tags = Set.copyOf(tags);
        Arguments.checkNotNegative(startedAtMillis, "startedAtMillis");
        Arguments.checkNotNegative(warmupMillis, "warmupMillis");
        serializers = List.copyOf(serializers);
        methods = List.copyOf(methods);
        Arguments.checkPositive(protocolVersion, "protocolVersion");
        metadata = Map.copyOf(metadata);
    }

    /**
     * The protocol a consumer calls the instance by: its {@link #METADATA_CALL_PROTOCOL} metadata, else
     * {@value #COURIER_PROTOCOL}.
     */
    public String callProtocol() {
        return metadata.getOrDefault(METADATA_CALL_PROTOCOL, COURIER_PROTOCOL);
    }

    /**
     * The protocols the instance's port serves: {@value #COURIER_PROTOCOL} first, then those its
     * {@link #METADATA_PROTOCOLS} metadata lists; for another framework's provider, only its {@link
     * #callProtocol()}.
     */
    public List<String> protocols() {
        if (metadata.containsKey(METADATA_CALL_PROTOCOL)) {
            return List.of(callProtocol());
        }
        String listed = metadata.get(METADATA_PROTOCOLS);
        if (listed == null || listed.isBlank()) {
            return List.of(COURIER_PROTOCOL);
        }
        java.util.LinkedHashSet<String> protocols = new java.util.LinkedHashSet<>();
        protocols.add(COURIER_PROTOCOL);
        for (String protocol : listed.split(",")) {
            if (!protocol.isBlank()) {
                protocols.add(protocol.strip());
            }
        }
        return List.copyOf(protocols);
    }

    public static Builder builder(ServiceKey serviceKey, Endpoint endpoint) {
        return new Builder(serviceKey, endpoint);
    }

    /** A builder seeded with this instance's values. */
    public Builder toBuilder() {
        return new Builder(serviceKey, endpoint)
                .application(application)
                .weight(weight)
                .tags(tags)
                .startedAtMillis(startedAtMillis)
                .warmupMillis(warmupMillis)
                .serializers(serializers)
                .methods(methods)
                .protocolVersion(protocolVersion)
                .metadata(metadata);
    }

    /** Builds {@link ServiceInstance}s; validation happens in {@link #build()}. */
    public static final class Builder {
        private final ServiceKey serviceKey;
        private final Endpoint endpoint;
        private String application = "";
        private int weight = DEFAULT_WEIGHT;
        private Set<String> tags = Set.of();
        private long startedAtMillis;
        private long warmupMillis;
        private List<String> serializers = List.of();
        private List<String> methods = List.of();
        private int protocolVersion = 1;
        private Map<String, String> metadata = Map.of();

        private Builder(ServiceKey serviceKey, Endpoint endpoint) {
            this.serviceKey = serviceKey;
            this.endpoint = endpoint;
        }

        public Builder application(String application) {
            this.application = application;
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

        public Builder startedAtMillis(long startedAtMillis) {
            this.startedAtMillis = startedAtMillis;
            return this;
        }

        public Builder warmupMillis(long warmupMillis) {
            this.warmupMillis = warmupMillis;
            return this;
        }

        public Builder serializers(List<String> serializers) {
            this.serializers = serializers;
            return this;
        }

        public Builder methods(List<String> methods) {
            this.methods = methods;
            return this;
        }

        public Builder protocolVersion(int protocolVersion) {
            this.protocolVersion = protocolVersion;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public ServiceInstance build() {
            return new ServiceInstance(
                    serviceKey,
                    endpoint,
                    application,
                    weight,
                    tags,
                    startedAtMillis,
                    warmupMillis,
                    serializers,
                    methods,
                    protocolVersion,
                    metadata);
        }
    }
}
