package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceOptions;
import io.courier.transport.TlsOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key Courier reads, in one place. {@code docs/configuration.md} lists exactly
 * these keys with the same types and defaults ({@code ConfigurationDocsTest} fails otherwise).
 *
 * <p>Besides these fixed keys there are two open families, whose tails are checked when they are
 * read: {@code courier.service.<interface>.<suffix>} overrides a {@code courier.consumer.*} or
 * {@code courier.provider.*} key (or a filter key) for one service, and
 * {@code courier.filter.<filter>.<key>} configures a filter.
 */
final class ConfigKeys {

    static final String CONSUMER_PREFIX = "courier.consumer.";
    static final String PROVIDER_PREFIX = "courier.provider.";
    /** Per-service overrides: {@code courier.service.<interface FQN>.<suffix>}. */
    static final String SERVICE_PREFIX = "courier.service.";
    /** Filter settings: {@code courier.filter.<filter name>.<key>}, read by the filters themselves. */
    static final String FILTER_PREFIX = "courier.filter.";

    /** The families of open keys, as the configuration reference lists them. */
    static final Set<String> FAMILIES =
            Set.of(SERVICE_PREFIX + "<interface>.<suffix>", FILTER_PREFIX + "<filter>.<key>");

    private static final int PREFIX_LENGTH = ConfigKey.PREFIX.length();
    private static final Map<String, ConfigKey<?>> BY_NAME = new LinkedHashMap<>();

    // --- bootstrap ---
    static final ConfigKey<Path> CONFIG = define(
            "courier.config",
            ValueType.path(),
            null,
            "(none)",
            "A properties file read instead of courier.properties on the class path; set by the builder, a system"
                    + " property or the environment only.");
    static final ConfigKey<String> APPLICATION_NAME = define(
            "courier.application.name",
            ValueType.nonEmpty("a non-empty application name"),
            "courier",
            "courier",
            "The application's name: registered with each provider instance and shown in logs.");
    static final ConfigKey<List<String>> SCAN_PACKAGES = define(
            "courier.scan.packages",
            ValueType.packages(),
            List.of(),
            "(empty)",
            "Packages (with their sub-packages) scanned at start for @Export classes.");
    static final ConfigKey<String> PROXY = define(
            "courier.proxy",
            ValueType.extensionName(),
            "javassist",
            "javassist",
            "The ProxyFactory extension building consumer proxies and provider dispatchers: javassist or jdk.");
    static final ConfigKey<List<String>> ALLOWED_PACKAGES = define(
            "courier.serialization.allowed-packages",
            ValueType.packages(),
            List.of(),
            "(empty)",
            "Packages whose classes may be deserialized besides the types the service interfaces use.");
    static final ConfigKey<Boolean> SHUTDOWN_HOOK = define(
            "courier.shutdown.hook",
            ValueType.bool(),
            true,
            "true",
            "Whether start() registers a JVM shutdown hook that closes the application.");
    static final ConfigKey<Long> SHUTDOWN_TIMEOUT_MILLIS = define(
            "courier.shutdown.timeout-millis",
            ValueType.longInteger(1, 3_600_000),
            10_000L,
            "10000",
            "How long close() lets in-flight calls finish before it closes connections.");
    static final ConfigKey<Long> SHUTDOWN_UNREGISTER_WAIT_MILLIS = define(
            "courier.shutdown.unregister-wait-millis",
            ValueType.longInteger(0, 3_600_000),
            2_000L,
            "2000",
            "How long close() waits, after leaving the registry, for consumers to close their connections before it"
                    + " tells the rest it is going away; part of courier.shutdown.timeout-millis.");

    // --- server (provider side) ---
    static final ConfigKey<String> SERVER_HOST = define(
            "courier.server.host",
            ValueType.nonEmpty("a host name or IP address"),
            "0.0.0.0",
            "0.0.0.0",
            "The address the server binds; 0.0.0.0 binds every interface.");
    static final ConfigKey<Integer> SERVER_PORT = define(
            "courier.server.port",
            ValueType.integer(0, 65535),
            20880,
            "20880",
            "The port the server binds; 0 picks a free port.");
    static final ConfigKey<String> SERVER_ADVERTISED_HOST = define(
            "courier.server.advertised-host",
            ValueType.string(),
            "",
            "(empty)",
            "The address registered for consumers to dial; empty means the bind host, or this machine's first"
                    + " non-loopback address when the bind host is a wildcard.");
    static final ConfigKey<Integer> SERVER_ADVERTISED_PORT = define(
            "courier.server.advertised-port",
            ValueType.integer(0, 65535),
            0,
            "0",
            "The port registered for consumers to dial, when it differs from the bound one (a port mapping or"
                    + " a proxy in between); 0 means the bound port.");
    static final ConfigKey<Integer> SERVER_IO_THREADS = define(
            "courier.server.io-threads",
            ValueType.integer(0, 1024),
            0,
            "0",
            "Netty event-loop threads of the server; 0 means the number of cores.");
    static final ConfigKey<Integer> SERVER_THREADS = define(
            "courier.server.threads",
            ValueType.integer(1, 10_000),
            200,
            "200",
            "Threads of the provider's business pool (services exported with executor pool).");
    static final ConfigKey<Integer> SERVER_QUEUE_CAPACITY = define(
            "courier.server.queue-capacity",
            ValueType.integer(0, 1_000_000),
            256,
            "256",
            "Calls that may wait for a pool thread; beyond it calls are refused with SERVER_BUSY, not executed.");
    static final ConfigKey<Boolean> SERVER_ADAPTIVE_POOL = define(
            "courier.server.adaptive-pool",
            ValueType.bool(),
            false,
            "false",
            "Whether the pool runs on the IO thread the calls of a method it has seen to be always fast (under 100 us), until one such call takes 1 ms or more; see docs/transport.md.");
    static final ConfigKey<Integer> SERVER_STREAMS_MAX_PER_CONNECTION = define(
            "courier.server.streams.max-per-connection",
            ValueType.integer(1, 1_000_000),
            1_000,
            "1000",
            "Streams one connection may keep open at once; an open past it is refused with SERVER_BUSY, not executed (docs/streaming.md).");
    static final ConfigKey<Integer> SERVER_MAX_CONNECTIONS = define(
            "courier.server.max-connections",
            ValueType.integer(1, 1_000_000),
            10_000,
            "10000",
            "Connections the server keeps open at once; further ones are closed as they arrive.");
    static final ConfigKey<Long> SERVER_FRAME_DEADLINE_MILLIS = define(
            "courier.server.frame-deadline-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            10_000L,
            "10000",
            "How long a connection may take to deliver the rest of a frame once it started; slower peers are cut off.");

    // --- server TLS (see docs/transport.md#tls) ---
    static final ConfigKey<Boolean> SERVER_TLS_ENABLED = define(
            "courier.server.tls.enabled",
            ValueType.bool(),
            false,
            "false",
            "Whether the server accepts TLS connections only; every other courier.server.tls key is ignored when"
                    + " false.");
    static final ConfigKey<Path> SERVER_TLS_CERT_CHAIN_FILE = define(
            "courier.server.tls.cert-chain-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the server's certificate first, then its intermediates; required with TLS.");
    static final ConfigKey<Path> SERVER_TLS_KEY_FILE = define(
            "courier.server.tls.key-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM PKCS#8 file with the private key of the server's certificate; required with TLS.");
    static final ConfigKey<String> SERVER_TLS_KEY_PASSWORD = define(
            "courier.server.tls.key-password",
            ValueType.secretText(),
            "",
            "(empty)",
            "The password of an encrypted key file (BEGIN ENCRYPTED PRIVATE KEY); empty when it is not encrypted.");
    static final ConfigKey<Path> SERVER_TLS_TRUST_CERTS_FILE = define(
            "courier.server.tls.trust-certs-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the CA certificate(s) that sign client certificates; required unless client-auth is"
                    + " none.");
    static final ConfigKey<String> SERVER_TLS_CLIENT_AUTH = define(
            "courier.server.tls.client-auth",
            ValueType.oneOf(Set.of("none", "optional", "require")),
            "none",
            "none",
            "Whether clients must present a certificate: none, optional (verified when sent) or require (mutual"
                    + " TLS).");
    static final ConfigKey<List<String>> SERVER_TLS_PROTOCOLS = define(
            "courier.server.tls.protocols",
            ValueType.someOf(TlsOptions.SUPPORTED_PROTOCOLS),
            TlsOptions.SUPPORTED_PROTOCOLS,
            "TLSv1.3,TLSv1.2",
            "The TLS versions the server accepts.");
    static final ConfigKey<Long> SERVER_TLS_HANDSHAKE_TIMEOUT_MILLIS = define(
            "courier.server.tls.handshake-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            10_000L,
            "10000",
            "How long a client may take to complete its handshake before the connection is closed.");

    // --- client (consumer side, shared by every reference) ---
    static final ConfigKey<Integer> CLIENT_IO_THREADS = define(
            "courier.client.io-threads",
            ValueType.integer(0, 1024),
            0,
            "0",
            "Netty event-loop threads of the client; 0 means the number of cores.");
    static final ConfigKey<Integer> CLIENT_STREAMS_WINDOW = define(
            "courier.client.streams.window",
            ValueType.integer(1, 65_536),
            128,
            "128",
            "Messages a stream lets the provider send ahead of its subscriber; bounds what one stream holds on each side (docs/streaming.md).");
    static final ConfigKey<Long> CLIENT_CONNECT_TIMEOUT_MILLIS = define(
            "courier.client.connect-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            3_000L,
            "3000",
            "How long the client waits for a TCP connection to a provider.");
    static final ConfigKey<Long> CLIENT_RECONNECT_BACKOFF_BASE_MILLIS = define(
            "courier.client.reconnect-backoff-base-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            100L,
            "100",
            "The first wait after a failed connect; doubled after each further failure.");
    static final ConfigKey<Long> CLIENT_RECONNECT_BACKOFF_MAX_MILLIS = define(
            "courier.client.reconnect-backoff-max-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            30_000L,
            "30000",
            "The longest wait between connect attempts.");
    static final ConfigKey<Integer> CLIENT_BACKGROUND_CONNECTS = define(
            "courier.client.background-connects",
            ValueType.integer(1, 1024),
            16,
            "16",
            "Connects to providers the client runs at once in the background; more wait in line.");
    static final ConfigKey<Integer> CLIENT_RECONNECTS_PER_SECOND = define(
            "courier.client.reconnects-per-second",
            ValueType.integer(1, 100_000),
            20,
            "20",
            "Repeated connects (to an address whose last connect failed) the client starts per second, however many addresses fail.");
    static final ConfigKey<Long> CLIENT_STALE_AFTER_MILLIS = define(
            "courier.client.stale-after-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            30_000L,
            "30000",
            "How long an address must keep refusing connections to be demoted (tried rarely, never picked while others are ready).");
    static final ConfigKey<Long> CLIENT_STALE_RETRY_MILLIS = define(
            "courier.client.stale-retry-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            120_000L,
            "120000",
            "The wait between connects to a demoted address.");

    // --- client TLS (see docs/transport.md#tls) ---
    static final ConfigKey<Boolean> CLIENT_TLS_ENABLED = define(
            "courier.client.tls.enabled",
            ValueType.bool(),
            false,
            "false",
            "Whether the client connects to providers with TLS; every other courier.client.tls key is ignored when"
                    + " false.");
    static final ConfigKey<Path> CLIENT_TLS_CERT_CHAIN_FILE = define(
            "courier.client.tls.cert-chain-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the certificate the client presents for mutual TLS, then its intermediates.");
    static final ConfigKey<Path> CLIENT_TLS_KEY_FILE = define(
            "courier.client.tls.key-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM PKCS#8 file with the private key of the client's certificate; set with cert-chain-file.");
    static final ConfigKey<String> CLIENT_TLS_KEY_PASSWORD = define(
            "courier.client.tls.key-password",
            ValueType.secretText(),
            "",
            "(empty)",
            "The password of an encrypted key file (BEGIN ENCRYPTED PRIVATE KEY); empty when it is not encrypted.");
    static final ConfigKey<Path> CLIENT_TLS_TRUST_CERTS_FILE = define(
            "courier.client.tls.trust-certs-file",
            ValueType.path(),
            null,
            "(none)",
            "PEM file with the CA certificate(s) that sign provider certificates; none means the JDK's default CAs.");
    static final ConfigKey<Boolean> CLIENT_TLS_HOSTNAME_VERIFICATION = define(
            "courier.client.tls.hostname-verification",
            ValueType.bool(),
            true,
            "true",
            "Whether a provider's certificate must name the host or IP address the client dialled, as in HTTPS.");
    static final ConfigKey<List<String>> CLIENT_TLS_PROTOCOLS = define(
            "courier.client.tls.protocols",
            ValueType.someOf(TlsOptions.SUPPORTED_PROTOCOLS),
            TlsOptions.SUPPORTED_PROTOCOLS,
            "TLSv1.3,TLSv1.2",
            "The TLS versions the client offers.");
    static final ConfigKey<Long> CLIENT_TLS_HANDSHAKE_TIMEOUT_MILLIS = define(
            "courier.client.tls.handshake-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            10_000L,
            "10000",
            "How long the handshake and the first round trip may take before the connect fails (CONNECT_FAILED).");

    // --- transport, both sides ---
    static final ConfigKey<Boolean> TRANSPORT_NATIVE = define(
            "courier.transport.native",
            ValueType.bool(),
            true,
            "true",
            "Whether Netty's native epoll transport is used on Linux when it is available.");
    static final ConfigKey<Long> TRANSPORT_HEARTBEAT_INTERVAL_MILLIS = define(
            "courier.transport.heartbeat-interval-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            15_000L,
            "15000",
            "How long a client connection may be silent before it sends a heartbeat; a connection silent for three"
                    + " intervals is closed.");
    static final ConfigKey<Integer> TRANSPORT_WRITE_BUFFER_LOW = define(
            "courier.transport.write-buffer-low-water-mark",
            ValueType.integer(1, Integer.MAX_VALUE),
            256 * 1024,
            "262144",
            "Queued outbound bytes below which a connection is writable again.");
    static final ConfigKey<Integer> TRANSPORT_WRITE_BUFFER_HIGH = define(
            "courier.transport.write-buffer-high-water-mark",
            ValueType.integer(1, Integer.MAX_VALUE),
            1024 * 1024,
            "1048576",
            "Queued outbound bytes at which a connection becomes unwritable; a server connection then stops"
                    + " reading requests until its peer catches up.");

    // --- protocol limits, both sides ---
    static final ConfigKey<Integer> PROTOCOL_MAX_FRAME_LENGTH = define(
            "courier.protocol.max-frame-length",
            ValueType.integer(1, Integer.MAX_VALUE - 16),
            8 * 1024 * 1024,
            "8388608",
            "The largest frame body in bytes, checked from the header before anything is allocated.");
    static final ConfigKey<Integer> PROTOCOL_MAX_ATTACHMENTS = define(
            "courier.protocol.max-attachments",
            ValueType.integer(0, 65_535),
            64,
            "64",
            "The most attachments one request or response may carry.");
    static final ConfigKey<Integer> PROTOCOL_MAX_ATTACHMENT_BYTES = define(
            "courier.protocol.max-attachment-bytes",
            ValueType.integer(0, Integer.MAX_VALUE),
            16 * 1024,
            "16384",
            "The most UTF-8 bytes the attachment keys and values of one message may add up to.");
    static final ConfigKey<Integer> PROTOCOL_MAX_DEPTH = define(
            "courier.protocol.max-depth",
            ValueType.integer(1, 10_000),
            100,
            "100",
            "The deepest nesting of objects, collections and arrays a deserialized value may have.");
    static final ConfigKey<Integer> PROTOCOL_MAX_COLLECTION_LENGTH = define(
            "courier.protocol.max-collection-length",
            ValueType.integer(0, Integer.MAX_VALUE),
            1 << 20,
            "1048576",
            "The largest element count of one deserialized collection, map or array.");
    static final ConfigKey<Integer> PROTOCOL_MAX_STRING_LENGTH = define(
            "courier.protocol.max-string-length",
            ValueType.integer(0, Integer.MAX_VALUE),
            8 * 1024 * 1024,
            "8388608",
            "The largest deserialized string or byte array, in chars or bytes.");

    // --- registry ---
    static final ConfigKey<String> REGISTRY_ADDRESS = define(
            "courier.registry.address",
            ValueType.registryAddress(),
            "",
            "(empty)",
            "embedded for an in-process ZooKeeper, zookeeper://host:port[,host:port] for an ensemble, empty for"
                    + " none (direct connections only).");
    static final ConfigKey<String> REGISTRY_ROOT = define(
            "courier.registry.root",
            ValueType.zooKeeperPath(),
            "/courier",
            "/courier",
            "The root path of Courier's nodes in the registry.");
    static final ConfigKey<String> ENVIRONMENT = define(
            "courier.environment",
            ValueType.environmentName(),
            "default",
            "default",
            "The configuration centre's namespace whose documents (application and service scope, under"
                    + " <root>/_config/<environment>) this application reads and applies live.");
    static final ConfigKey<Long> REGISTRY_SESSION_TIMEOUT_MILLIS = define(
            "courier.registry.session-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            30_000L,
            "30000",
            "The registry session timeout.");
    static final ConfigKey<Long> REGISTRY_CONNECTION_TIMEOUT_MILLIS = define(
            "courier.registry.connection-timeout-millis",
            ValueType.longInteger(1, Integer.MAX_VALUE),
            5_000L,
            "5000",
            "How long to wait for a registry connection.");
    static final ConfigKey<String> REGISTRY_DIGEST_AUTH = define(
            "courier.registry.digest-auth",
            ValueType.digestAuth(),
            "",
            "(empty)",
            "user:password for ZooKeeper digest ACLs; empty for open nodes.");
    static final ConfigKey<Path> REGISTRY_CACHE_FILE = define(
            "courier.registry.cache-file",
            ValueType.path(),
            null,
            "(none)",
            "Where the last known providers are saved, so a consumer can start while the registry is down.");
    static final ConfigKey<Boolean> REGISTRY_EMPTY_PROTECTION = define(
            "courier.registry.empty-protection",
            ValueType.bool(),
            true,
            "true",
            "Whether an empty provider list is ignored while the known providers are still reachable.");
    static final ConfigKey<Boolean> REGISTRY_STRICT_CACHE_FILE = define(
            "courier.registry.strict-cache-file",
            ValueType.bool(),
            false,
            "false",
            "Whether an unreadable cache file stops the start (true) or is logged and ignored, leaving no cached"
                    + " providers (false).");
    static final ConfigKey<Long> REGISTRY_FIRST_LIST_WAIT_MILLIS = define(
            "courier.registry.first-list-wait-millis",
            ValueType.longInteger(0, Integer.MAX_VALUE),
            5_000L,
            "5000",
            "How long reference() waits for a provider of its service to appear in the registry (0: not at all);"
                    + " empty lists do not end the wait; a registry that is down gives the cached list after the"
                    + " connection timeout.");
    static final ConfigKey<Long> REGISTRY_REGISTER_WAIT_MILLIS = define(
            "courier.registry.register-wait-millis",
            ValueType.longInteger(0, Integer.MAX_VALUE),
            5_000L,
            "5000",
            "How long a provider's start() waits for the registry to acknowledge its registrations (0: not at"
                    + " all); a warning says when it did not, and the registration goes on in the background.");

    // --- cluster (consumer side, every reference): retry budget and ejection ---
    static final ConfigKey<Integer> CLUSTER_RETRY_BUDGET_PERCENT = define(
            "courier.cluster.retry-budget-percent",
            ValueType.integer(0, 1_000),
            20,
            "20",
            "Retries each reference may make per 100 calls, over a sliding 10 s window.");
    static final ConfigKey<Integer> CLUSTER_RETRY_BUDGET_MIN_PER_SECOND = define(
            "courier.cluster.retry-budget-min-per-second",
            ValueType.integer(0, 100_000),
            10,
            "10",
            "Retries each reference may make per second of the window on top of the percentage.");
    static final ConfigKey<Long> CLUSTER_EJECTION_MILLIS = define(
            "courier.cluster.ejection-millis",
            ValueType.longInteger(0, 3_600_000),
            1_000L,
            "1000",
            "How long a provider is left out after a connection failure or too many refusals in a row; doubled per"
                    + " failed probe; 0 turns ejection off.");
    static final ConfigKey<Long> CLUSTER_MAX_EJECTION_MILLIS = define(
            "courier.cluster.max-ejection-millis",
            ValueType.longInteger(0, 3_600_000),
            30_000L,
            "30000",
            "The longest ejection; at least courier.cluster.ejection-millis.");
    static final ConfigKey<Integer> CLUSTER_REFUSALS_BEFORE_EJECTION = define(
            "courier.cluster.refusals-before-ejection",
            ValueType.integer(1, 1_000),
            5,
            "5",
            "Consecutive SERVER_BUSY or RATE_LIMITED answers that eject a provider.");

    // --- consumer defaults, overridable per service ---
    static final ConfigKey<String> CONSUMER_GROUP =
            define("courier.consumer.group", ValueType.string(), "", "(empty)", "The group of referenced services.");
    static final ConfigKey<String> CONSUMER_VERSION = define(
            "courier.consumer.version", ValueType.string(), "", "(empty)", "The version of referenced services.");
    static final ConfigKey<List<Endpoint>> CONSUMER_URL = define(
            "courier.consumer.url",
            ValueType.directUrls(),
            List.of(),
            "(empty)",
            "Provider addresses to call directly, bypassing the registry: courier://host:port, several separated by"
                    + " commas; usually set per service.");
    static final ConfigKey<Long> CONSUMER_TIMEOUT_MILLIS = define(
            "courier.consumer.timeout-millis",
            ValueType.longInteger(1, Long.MAX_VALUE),
            ReferenceOptions.DEFAULT_TIMEOUT_MILLIS,
            "3000",
            "Per-attempt call timeout.");
    static final ConfigKey<Integer> CONSUMER_RETRIES = define(
            "courier.consumer.retries",
            ValueType.integer(0, 100),
            ReferenceOptions.DEFAULT_RETRIES,
            "2",
            "Extra attempts after a failure that is safe to retry.");
    static final ConfigKey<String> CONSUMER_CLUSTER = define(
            "courier.consumer.cluster",
            ValueType.extensionName(),
            "failover",
            "failover",
            "The Cluster extension (fault-tolerance strategy).");
    static final ConfigKey<String> CONSUMER_LOAD_BALANCER = define(
            "courier.consumer.load-balancer",
            ValueType.extensionName(),
            "random",
            "random",
            "The LoadBalancer extension.");
    static final ConfigKey<String> CONSUMER_SERIALIZER = define(
            "courier.consumer.serializer",
            ValueType.extensionName(),
            "protostuff",
            "protostuff",
            "The Serializer extension requests are written in.");
    static final ConfigKey<Integer> CONSUMER_CONNECTIONS = define(
            "courier.consumer.connections",
            ValueType.integer(1, 64),
            1,
            "1",
            "Connections per provider endpoint, shared by every service on it.");
    static final ConfigKey<String> CONSUMER_TAG = define(
            "courier.consumer.tag", ValueType.string(), "", "(empty)", "The routing tag calls carry by default.");
    static final ConfigKey<Boolean> CONSUMER_FORCE_TAG = define(
            "courier.consumer.force-tag",
            ValueType.bool(),
            false,
            "false",
            "Whether a tagged call fails instead of falling back to untagged providers.");
    static final ConfigKey<MockSetting> CONSUMER_MOCK = define(
            "courier.consumer.mock",
            ValueType.mock(),
            MockSetting.NONE,
            "(empty)",
            "force:<class> answers every call from the class without calling providers (logged as a WARN and shown"
                    + " as a metric); fail:<class> answers only failed calls, like @Reference(fallback); usually set"
                    + " per service.");
    static final ConfigKey<Boolean> CONSUMER_REQUIRED = define(
            "courier.consumer.required",
            ValueType.bool(),
            false,
            "false",
            "Whether a reference fails when the registry lists no provider after the first-list wait.");

    // --- provider defaults, overridable per service ---
    static final ConfigKey<String> PROVIDER_GROUP =
            define("courier.provider.group", ValueType.string(), "", "(empty)", "The group of exported services.");
    static final ConfigKey<String> PROVIDER_VERSION =
            define("courier.provider.version", ValueType.string(), "", "(empty)", "The version of exported services.");
    static final ConfigKey<Integer> PROVIDER_WEIGHT = define(
            "courier.provider.weight",
            ValueType.integer(1, 10_000),
            ServiceInstance.DEFAULT_WEIGHT,
            "100",
            "The load-balancing weight of exported services.");
    static final ConfigKey<List<String>> PROVIDER_TAGS = define(
            "courier.provider.tags", ValueType.list(), List.of(), "(empty)", "Routing tags of exported services.");
    static final ConfigKey<List<String>> PROVIDER_SERIALIZERS = define(
            "courier.provider.serializers",
            ValueType.extensionNames(),
            List.of("protostuff", "json"),
            "protostuff,json",
            "The serializers requests may use; requests in any other are refused unread. json serves generic"
                    + " callers such as the gateway.");
    static final ConfigKey<String> PROVIDER_EXECUTOR = define(
            "courier.provider.executor",
            ValueType.oneOf(ServiceOptions.EXECUTORS),
            "pool",
            "pool",
            "Where calls run: pool (the server's thread pool), direct (the IO thread) or virtual (Java 21+).");
    static final ConfigKey<Long> PROVIDER_WARMUP_MILLIS = define(
            "courier.provider.warmup-millis",
            ValueType.longInteger(0, Long.MAX_VALUE),
            0L,
            "0",
            "How long a new instance takes to reach its full weight.");
    static final ConfigKey<String> PROVIDER_LEADER_GROUP = define(
            "courier.provider.leader-group",
            ValueType.coordinationName(),
            "",
            "(empty)",
            "A leader-election group: exported services are registered only while this instance leads it (empty:"
                    + " always registered); usually set per service.");

    // --- admin endpoint (docs/operations.md) ---
    static final ConfigKey<Integer> ADMIN_PORT = define(
            "courier.admin.port",
            ValueType.integer(0, 65535),
            null,
            "(off)",
            "The admin endpoint's port (health probes, services, references, config, metrics, offline and online);"
                    + " off unless set; 0 picks a free one.");
    static final ConfigKey<String> ADMIN_HOST = define(
            "courier.admin.host",
            ValueType.nonEmpty("an address to bind, such as 127.0.0.1"),
            "127.0.0.1",
            "127.0.0.1",
            "The admin endpoint's bind address; the default lets only this machine reach it.");
    static final ConfigKey<String> ADMIN_TOKEN = define(
            "courier.admin.token",
            ValueType.secretText(),
            "",
            "(empty)",
            "The bearer token POST /offline and /online must carry; empty refuses every state change.");

    private ConfigKeys() {}

    private static <T> ConfigKey<T> define(
            String name, ValueType<T> type, T defaultValue, String defaultText, String meaning) {
        ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, defaultText, meaning);
        if (BY_NAME.putIfAbsent(name, key) != null) {
            throw new IllegalStateException("configuration key defined twice: " + name);
        }
        return key;
    }

    /** Every fixed key, in definition order. */
    static List<ConfigKey<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The fixed key named {@code name}, or {@code null}. */
    static ConfigKey<?> find(String name) {
        return BY_NAME.get(name);
    }

    /** The fixed key set by the environment variable {@code variable}, or {@code null}. */
    static ConfigKey<?> findByEnvironmentName(String variable) {
        for (ConfigKey<?> key : BY_NAME.values()) {
            if (key.environmentName().equals(variable)) {
                return key;
            }
        }
        return null;
    }

    /**
     * The consumer or provider key that {@code suffix} names in a per-service override
     * ({@code timeout-millis} for {@code courier.consumer.timeout-millis}); {@code group} and
     * {@code version} name both sides' keys, and the consumer one is returned.
     */
    static ConfigKey<?> findServiceSuffix(String suffix) {
        ConfigKey<?> consumer = BY_NAME.get(CONSUMER_PREFIX + suffix);
        return consumer != null ? consumer : BY_NAME.get(PROVIDER_PREFIX + suffix);
    }

    /** The suffixes a per-service override may end with, longest first so that matching is greedy. */
    static List<String> serviceSuffixes() {
        return BY_NAME.keySet().stream()
                .filter(name -> name.startsWith(CONSUMER_PREFIX) || name.startsWith(PROVIDER_PREFIX))
                .map(name -> name.substring(name.indexOf('.', PREFIX_LENGTH) + 1))
                .distinct()
                .sorted((a, b) -> b.length() - a.length())
                .toList();
    }
}
