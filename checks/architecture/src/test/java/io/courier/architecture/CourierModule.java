package io.courier.architecture;

import java.util.Optional;
import java.util.Set;

/**
 * Every module with main code, by the package root it owns (one module, one root), and the
 * modules it may use. The graph is the one {@code docs/architecture.md} draws; the build's poms
 * allow at most this, and {@link ModuleRules#modulesDependDownwardsOnly()} fails on a class that
 * reaches past it, directly or through a transitive dependency it did not declare.
 */
enum CourierModule {
    SPI("io.courier.spi"),
    API("io.courier.api", SPI),
    // rpc-core: the machinery the registries share (discovery, documents, cache file, store records, coordination)
    CORE("io.courier.core", API, SPI),
    PROTOCOL("io.courier.protocol", API, SPI),
    PROXY("io.courier.proxy", API, SPI),
    CLUSTER("io.courier.cluster", API, SPI),
    FILTER("io.courier.filter", API, SPI),
    REGISTRY_ZOOKEEPER("io.courier.registry.zookeeper", CORE, API, SPI),
    REGISTRY_ETCD("io.courier.registry.etcd", CORE, API, SPI),
    REGISTRY_KUBERNETES("io.courier.registry.kubernetes", CORE, API, SPI),
    REGISTRY_EUREKA("io.courier.registry.eureka", CORE, API, SPI),
    REGISTRY_MDNS("io.courier.registry.mdns", CORE, API, SPI),
    // rpc-events-core: the envelope (CloudEvents attributes), allow-listed read, spans and attempts the brokers share
    EVENTS_CORE("io.courier.events.core", PROTOCOL, API, SPI),
    // rpc-events-kafka: the events API on Kafka, reading events with the protocol's serializers and allow-list
    EVENTS_KAFKA("io.courier.events.kafka", EVENTS_CORE, PROTOCOL, API, SPI),
    // rpc-events-kafka-embedded: the in-process Kafka server behind courier.events.broker=embedded
    EVENTS_KAFKA_EMBEDDED("io.courier.events.kafka.embedded", EVENTS_KAFKA, API, SPI),
    // rpc-events-nats: the events API on NATS JetStream
    EVENTS_NATS("io.courier.events.nats", EVENTS_CORE, PROTOCOL, API, SPI),
    // rpc-events-rabbitmq: the events API on RabbitMQ
    EVENTS_RABBITMQ("io.courier.events.rabbitmq", EVENTS_CORE, PROTOCOL, API, SPI),
    SERIALIZATION_FORY("io.courier.serialization.fory", PROTOCOL, API, SPI),
    SERIALIZATION_MSGPACK("io.courier.serialization.msgpack", PROTOCOL, API, SPI),
    TRANSPORT("io.courier.transport", PROTOCOL, API, SPI),
    GRPC("io.courier.grpc", TRANSPORT, PROTOCOL, API, SPI),
    DUBBO("io.courier.dubbo", TRANSPORT, PROTOCOL, API, SPI),
    REST("io.courier.rest", TRANSPORT, PROTOCOL, API, SPI),
    THRIFT("io.courier.thrift", TRANSPORT, PROTOCOL, API, SPI),
    // core: the application's settings read the centre's documents and cache file with core.document's parser
    BOOTSTRAP(
            "io.courier.bootstrap",
            CORE,
            TRANSPORT,
            SERIALIZATION_FORY,
            REGISTRY_ZOOKEEPER,
            FILTER,
            CLUSTER,
            PROXY,
            PROTOCOL,
            API,
            SPI),
    SECURITY("io.courier.security", FILTER, API, SPI),
    OBSERVABILITY("io.courier.observability", FILTER, API, SPI),
    // rpc-config, the console and the admin CLI reach the registry's store through io.courier.api.store only;
    // the registry module is on their class path at runtime, not a compile-time dependency
    CONFIG("io.courier.config", CLUSTER, API, SPI),
    // rpc-test-support: Courier's internal test helpers (the package keeps its first name)
    TEST_SUPPORT("io.courier.testkit"),
    // the gateway routes the REST paths providers publish by rpc-rest's own matching (its @Internal GatewayRoutes)
    GATEWAY(
            "io.courier.gateway",
            SECURITY,
            GRPC,
            REST,
            BOOTSTRAP,
            SERIALIZATION_MSGPACK,
            PROTOCOL,
            TRANSPORT,
            FILTER,
            CLUSTER,
            API,
            SPI),
    // the runnable tools' mains call the transport's UnsafeMemoryAccess before anything loads Netty (Java 24+)
    CONSOLE("io.courier.console", CONFIG, BOOTSTRAP, CLUSTER, PROTOCOL, TRANSPORT, FILTER, API, SPI),
    ADMIN_CLI("io.courier.admin.cli", CONFIG, TRANSPORT, API, SPI),
    MOCK_SERVER("io.courier.mockserver", BOOTSTRAP, PROTOCOL, TRANSPORT, REGISTRY_ZOOKEEPER, API, SPI),
    // integrations/courier-test: the users' JUnit kit; the embedded Kafka is optional, for @CourierTest(events = true),
    // and the application it starts then names the Kafka keys by their constants
    TEST_KIT(
            "io.courier.test",
            TEST_SUPPORT,
            BOOTSTRAP,
            EVENTS_KAFKA_EMBEDDED,
            EVENTS_KAFKA,
            REGISTRY_ZOOKEEPER,
            PROTOCOL,
            FILTER,
            API,
            SPI),
    SPRING_BOOT("io.courier.spring.boot", BOOTSTRAP, FILTER, TRANSPORT, REGISTRY_ZOOKEEPER, API, SPI),
    EXAMPLES("io.courier.examples", BOOTSTRAP, FILTER, API, SPI),
    BENCH(
            "io.courier.bench",
            GATEWAY,
            EVENTS_KAFKA_EMBEDDED,
            EVENTS_KAFKA,
            EVENTS_NATS,
            EVENTS_RABBITMQ,
            EVENTS_CORE,
            SECURITY,
            GRPC,
            BOOTSTRAP,
            SERIALIZATION_FORY,
            TRANSPORT,
            PROTOCOL,
            FILTER,
            API,
            SPI);

    private final String root;
    private final Set<CourierModule> uses;

    CourierModule(String root, CourierModule... uses) {
        this.root = root;
        // a Set.of, not an EnumSet: an EnumSet cannot be made while the enum's constants are being built
        this.uses = Set.of(uses);
    }

    /** The package root this module owns. */
    String root() {
        return root;
    }

    /** Whether a class of this module may use a class of {@code other}. */
    boolean mayUse(CourierModule other) {
        return other == this || uses.contains(other);
    }

    /** The module owning a package, the one with the longest matching root. */
    static Optional<CourierModule> owning(String packageName) {
        CourierModule best = null;
        for (CourierModule module : values()) {
            if (packageName.equals(module.root) || packageName.startsWith(module.root + ".")) {
                if (best == null || module.root.length() > best.root.length()) {
                    best = module;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
