package io.courier.bootstrap.config;

import io.courier.api.LiveKeys;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceOptions;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * The consumer and provider defaults that {@code courier.service.<interface>.<suffix>} overrides
 * per service. Listed, with every other holder, by {@link BootstrapKeyCatalog}.
 */
public final class ServiceKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    // --- consumer defaults, overridable per service ---
    public static final ConfigKey<String> CONSUMER_GROUP = KEYS.define(
            "courier.consumer.group", ValueType.string(), "", "(empty)", "The group of referenced services.");
    public static final ConfigKey<String> CONSUMER_VERSION = KEYS.define(
            "courier.consumer.version", ValueType.string(), "", "(empty)", "The version of referenced services.");
    public static final ConfigKey<DirectUrls> CONSUMER_URL = KEYS.define(
            "courier.consumer.url",
            KeyDefinitions.directUrls(),
            DirectUrls.NONE,
            "(empty)",
            "Provider addresses to call directly, bypassing the registry: courier://host:port, or grpc://host:port"
                    + " for stock gRPC servers (rpc-grpc), several separated by commas; usually set per service.");
    public static final ConfigKey<String> CONSUMER_PROTOCOL = KEYS.define(
            "courier.consumer.protocol",
            ValueType.extensionName(),
            ServiceInstance.COURIER_PROTOCOL,
            "courier",
            "The protocol calls travel by: courier, or a call protocol such as grpc (rpc-grpc), used for every"
                    + " instance whose registry entry lists it; a direct address's scheme sets it.");
    public static final ConfigKey<Long> CONSUMER_TIMEOUT_MILLIS = KEYS.list(LiveKeys.TIMEOUT_MILLIS);
    public static final ConfigKey<Integer> CONSUMER_RETRIES = KEYS.list(LiveKeys.RETRIES);
    public static final ConfigKey<String> CONSUMER_CLUSTER = KEYS.define(
            "courier.consumer.cluster",
            ValueType.extensionName(),
            "failover",
            "failover",
            "The Cluster extension (fault-tolerance strategy).");
    public static final ConfigKey<String> CONSUMER_LOAD_BALANCER = KEYS.list(LiveKeys.LOAD_BALANCER);
    public static final ConfigKey<String> CONSUMER_SERIALIZER = KEYS.define(
            "courier.consumer.serializer",
            ValueType.extensionName(),
            "auto",
            "auto",
            "The Serializer extension requests are written in; auto: fory to a provider that lists it (or to a"
                    + " direct address), else protostuff.");
    public static final ConfigKey<Integer> CONSUMER_CONNECTIONS = KEYS.define(
            "courier.consumer.connections",
            ValueType.integer(1, 64),
            1,
            "1",
            "Connections per provider endpoint, shared by every service on it.");
    public static final ConfigKey<String> CONSUMER_TAG = KEYS.define(
            "courier.consumer.tag", ValueType.string(), "", "(empty)", "The routing tag calls carry by default.");
    public static final ConfigKey<Boolean> CONSUMER_FORCE_TAG = KEYS.define(
            "courier.consumer.force-tag",
            ValueType.bool(),
            false,
            "false",
            "Whether a tagged call fails instead of falling back to untagged providers.");
    public static final ConfigKey<MockSetting> CONSUMER_MOCK = KEYS.define(
            "courier.consumer.mock",
            KeyDefinitions.mock(),
            MockSetting.NONE,
            "(empty)",
            "force:<class> answers every call from the class without calling providers (logged as a WARN and shown"
                    + " as a metric); fail:<class> answers only failed calls, like @Reference(fallback); usually set"
                    + " per service.");
    public static final ConfigKey<Boolean> CONSUMER_REQUIRED = KEYS.define(
            "courier.consumer.required",
            ValueType.bool(),
            false,
            "false",
            "Whether a reference fails when the registry lists no provider after the first-list wait.");

    // --- provider defaults, overridable per service ---
    public static final ConfigKey<String> PROVIDER_GROUP =
            KEYS.define("courier.provider.group", ValueType.string(), "", "(empty)", "The group of exported services.");
    public static final ConfigKey<String> PROVIDER_VERSION = KEYS.define(
            "courier.provider.version", ValueType.string(), "", "(empty)", "The version of exported services.");
    public static final ConfigKey<Integer> PROVIDER_WEIGHT = KEYS.define(
            "courier.provider.weight",
            ValueType.integer(1, 10_000),
            ServiceInstance.DEFAULT_WEIGHT,
            "100",
            "The load-balancing weight of exported services.");
    public static final ConfigKey<List<String>> PROVIDER_TAGS = KEYS.define(
            "courier.provider.tags", ValueType.list(), List.of(), "(empty)", "Routing tags of exported services.");
    public static final ConfigKey<List<String>> PROVIDER_SERIALIZERS = KEYS.define(
            "courier.provider.serializers",
            ValueType.extensionNames(),
            List.of("auto", "json"),
            "auto,json",
            "The serializers requests may use; requests in any other are refused unread. auto: fory, protostuff and msgpack."
                    + " json serves generic callers such as the gateway.");
    public static final ConfigKey<String> PROVIDER_EXECUTOR = KEYS.define(
            "courier.provider.executor",
            ValueType.oneOf(ServiceOptions.EXECUTORS),
            "pool",
            "pool",
            "Where calls run: pool (the server's thread pool), direct (the IO thread) or virtual (Java 21+).");
    public static final ConfigKey<Long> PROVIDER_WARMUP_MILLIS = KEYS.define(
            "courier.provider.warmup-millis",
            ValueType.longInteger(0, Long.MAX_VALUE),
            0L,
            "0",
            "How long a new instance takes to reach its full weight.");
    public static final ConfigKey<String> PROVIDER_LEADER_GROUP = KEYS.define(
            "courier.provider.leader-group",
            ValueType.coordinationName(),
            "",
            "(empty)",
            "A leader-election group: exported services are registered only while this instance leads it (empty:"
                    + " always registered); usually set per service.");

    private ServiceKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}
