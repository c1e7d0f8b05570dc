package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import java.nio.file.Path;
import java.util.List;

/**
 * Discovery: the registry, and what every reference's cluster does with what it lists (retry
 * budget, ejection). Listed, with every other holder, by {@link BootstrapKeyCatalog}.
 */
public final class RegistryKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    // --- registry ---
    public static final ConfigKey<String> REGISTRY_ADDRESS = KEYS.define(
            "courier.registry.address",
            ValueType.registryAddress(),
            "",
            "(empty)",
            "embedded for an in-process ZooKeeper, zookeeper://host:port[,host:port] for an ensemble, empty for"
                    + " none (direct connections only).");
    public static final ConfigKey<String> REGISTRY_ROOT = KEYS.define(
            "courier.registry.root",
            ValueType.zooKeeperPath(),
            "/courier",
            "/courier",
            "The root path of Courier's nodes in the registry.");
    public static final ConfigKey<String> ENVIRONMENT = KEYS.define(
            "courier.environment",
            KeyDefinitions.environmentName(),
            "default",
            "default",
            "The configuration centre's namespace whose documents (application and service scope, under"
                    + " <root>/_config/<environment>) this application reads and applies live.");
    public static final ConfigKey<Long> REGISTRY_SESSION_TIMEOUT_MILLIS = KEYS.define(
            "courier.registry.session-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            30_000L,
            "30000",
            "The registry session timeout: how long the registry keeps the registrations, locks and"
                    + " leaderships of a process that stopped answering; a leader killed with kill -9 is"
                    + " replaced about this long after it died (see docs/coordination.md).");
    public static final ConfigKey<Long> REGISTRY_CONNECTION_TIMEOUT_MILLIS = KEYS.define(
            "courier.registry.connection-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            5_000L,
            "5000",
            "How long to wait for a registry connection; Curator's own wait is capped at the session timeout.");
    public static final ConfigKey<String> REGISTRY_DIGEST_AUTH = KEYS.define(
            "courier.registry.digest-auth",
            ValueType.digestAuth(),
            "",
            "(empty)",
            "user:password for ZooKeeper digest ACLs; empty for open nodes.");
    public static final ConfigKey<Path> REGISTRY_CACHE_FILE = KEYS.define(
            "courier.registry.cache-file",
            ValueType.path(),
            null,
            "(none)",
            "Where the last known providers are saved, so a consumer can start while the registry is down.");
    public static final ConfigKey<Boolean> REGISTRY_EMPTY_PROTECTION = KEYS.define(
            "courier.registry.empty-protection",
            ValueType.bool(),
            true,
            "true",
            "Whether an empty provider list is ignored while the known providers are still reachable.");
    public static final ConfigKey<List<String>> REGISTRY_DUBBO_PROVIDERS = KEYS.define(
            "courier.registry.dubbo-providers",
            ValueType.list(),
            List.of(),
            "(empty)",
            "Interfaces whose stock Apache Dubbo providers are also read from Dubbo's ZooKeeper layout"
                    + " (/dubbo/<interface>/providers) and called over dubbo, mixed with Courier's providers (needs"
                    + " rpc-dubbo; docs/dubbo.md); * for every interface. Empty: Courier's layout only.");
    public static final ConfigKey<Boolean> REGISTRY_STRICT_CACHE_FILE = KEYS.define(
            "courier.registry.strict-cache-file",
            ValueType.bool(),
            false,
            "false",
            "Whether an unreadable cache file stops the start (true) or is logged and ignored, leaving no cached"
                    + " providers (false).");
    public static final ConfigKey<Long> REGISTRY_FIRST_LIST_WAIT_MILLIS = KEYS.define(
            "courier.registry.first-list-wait-millis",
            ValueType.longInteger(0, Integer.MAX_VALUE),
            5_000L,
            "5000",
            "How long a reference's first call (and creating a required reference) waits for a provider of its"
                    + " service to appear in the registry (0: not at all); empty lists do not end the wait; a registry"
                    + " that is down gives the cached list after the connection timeout.");
    public static final ConfigKey<Long> REGISTRY_FIRST_READY_WAIT_MILLIS = KEYS.define(
            "courier.registry.first-ready-wait-millis",
            ValueType.longInteger(0, Integer.MAX_VALUE),
            1_000L,
            "1000",
            "How long a reference's first calls wait, once providers are listed, for a connection to one of them"
                    + " to be ready (0: not at all), rather than go to listed addresses that may be stale.");
    public static final ConfigKey<Long> REGISTRY_REGISTER_WAIT_MILLIS = KEYS.define(
            "courier.registry.register-wait-millis",
            ValueType.longInteger(0, Integer.MAX_VALUE),
            5_000L,
            "5000",
            "How long a provider's start() waits for the registry to acknowledge its registrations (0: not at"
                    + " all); a warning says when it did not, and the registration goes on in the background.");

    // --- cluster (consumer side, every reference): retry budget and ejection ---
    public static final ConfigKey<Integer> CLUSTER_RETRY_BUDGET_PERCENT = KEYS.define(
            "courier.cluster.retry-budget-percent",
            ValueType.integer(0, 1_000),
            20,
            "20",
            "Retries each reference may make per 100 calls, over a sliding 10 s window.");
    public static final ConfigKey<Integer> CLUSTER_RETRY_BUDGET_MIN_PER_SECOND = KEYS.define(
            "courier.cluster.retry-budget-min-per-second",
            ValueType.integer(0, 100_000),
            10,
            "10",
            "Retries each reference may make per second of the window on top of the percentage.");
    public static final ConfigKey<Long> CLUSTER_EJECTION_MILLIS = KEYS.define(
            "courier.cluster.ejection-millis",
            ValueType.longInteger(0, 3_600_000),
            1_000L,
            "1000",
            "How long a provider is left out after a connection failure or too many refusals in a row; doubled per"
                    + " failed probe; 0 turns ejection off.");
    public static final ConfigKey<Long> CLUSTER_MAX_EJECTION_MILLIS = KEYS.define(
            "courier.cluster.max-ejection-millis",
            ValueType.longInteger(0, 3_600_000),
            30_000L,
            "30000",
            "The longest ejection; at least courier.cluster.ejection-millis.");
    public static final ConfigKey<Integer> CLUSTER_REFUSALS_BEFORE_EJECTION = KEYS.define(
            "courier.cluster.refusals-before-ejection",
            ValueType.integer(1, 1_000),
            5,
            "5",
            "Consecutive SERVER_BUSY or RATE_LIMITED answers that eject a provider.");

    // --- cluster: the hedging strategy (also live: limits hedging.delay-millis, hedging.percentile, ...) ---
    public static final ConfigKey<Long> CLUSTER_HEDGING_DELAY_MILLIS = KEYS.define(
            "courier.cluster.hedging-delay-millis",
            ValueType.longInteger(0, 3_600_000),
            0L,
            "0",
            "hedging: the wait before an idempotent call's second attempt to another provider; 0 waits for"
                    + " courier.cluster.hedging-percentile of the method's recent latencies.");
    public static final ConfigKey<Integer> CLUSTER_HEDGING_PERCENTILE = KEYS.define(
            "courier.cluster.hedging-percentile",
            ValueType.integer(50, 99),
            90,
            "90",
            "hedging: the percentile of the method's recent latencies after which the second attempt goes out.");
    public static final ConfigKey<Integer> CLUSTER_HEDGING_BUDGET_PERCENT = KEYS.define(
            "courier.cluster.hedging-budget-percent",
            ValueType.integer(0, 100),
            10,
            "10",
            "hedging: second attempts each reference may send per 100 calls, over a sliding 10 s window (the cap"
                    + " on the extra load).");

    private RegistryKeys() {}

    /** The keys defined here, in definition order. */
    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}
