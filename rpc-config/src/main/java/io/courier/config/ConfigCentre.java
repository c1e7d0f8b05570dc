package io.courier.config;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * The configuration centre of one environment in one ZooKeeper ensemble: reads, validates, writes,
 * versions and rolls back the configuration documents of applications and services. The console
 * and {@code courier-admin} are its writers; applications read the same documents through their
 * registry and apply them live ({@code docs/operations.md} lists every live key).
 *
 * <pre>
 * &lt;root&gt;/_config/&lt;environment&gt;/applications/&lt;application&gt;            data: the document in force (YAML)
 * &lt;root&gt;/_config/&lt;environment&gt;/services/&lt;serviceKey&gt;                 data: the document in force (YAML)
 * &lt;root&gt;/_config/&lt;environment&gt;/.../&lt;scope&gt;/_versions/&lt;0000000007&gt;   data: one kept version (JSON:
 *                                          number, author, instant, comment, text)
 * </pre>
 *
 * <p>Every write is validated first by the parser the applications use (format 1 of
 * {@code docs/registry.md}, plus the live keys), so a refused document never reaches ZooKeeper; a
 * write is one ZooKeeper transaction (the document and its version record together, conditional on
 * the node's version, so concurrent writers cannot both win). The last
 * {@link ConfigCentreOptions#historySize()} versions are kept for diff and rollback; each records
 * who, when and why, and a write is also logged at INFO (logger {@code io.courier.config.audit}).
 *
 * <p>Thread-safe. Every method talks to ZooKeeper synchronously and throws {@link ConfigException}
 * when it cannot (unreachable, no such version); arguments are checked first
 * ({@link NullPointerException}, {@link IllegalArgumentException}). {@link #close()} closes the
 * ZooKeeper client only if this centre opened it ({@link #connect}).
 */
public final class ConfigCentre implements AutoCloseable {

    /** For {@code expectedVersion}: write whatever the current version is. */
    public static final long ANY_VERSION = -1;

    private final CuratorFramework client;
    private final boolean ownsClient;
    private final ConfigCentreOptions options;
    private final ConfigStore store;
    private final DisabledSwitch switches;

    private ConfigCentre(CuratorFramework client, boolean ownsClient, ConfigCentreOptions options, Clock clock) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options;
        this.store = new ConfigStore(client, options, clock);
        this.switches = new DisabledSwitch(store);
    }

    /**
     * A centre on {@code client}, which must be started and stays the caller's to close; its
     * namespace, if any, is used as is (Courier's own clients have none).
     */
    public static ConfigCentre open(CuratorFramework client, ConfigCentreOptions options) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
        return new ConfigCentre(client, false, options, Clock.systemUTC());
    }

    /**
     * A centre with a ZooKeeper client of its own on {@code connectString} ({@code host:port[,host:port]},
     * or {@code zookeeper://host:port}), connected within {@code connectTimeoutMillis}; closed by
     * {@link #close()}.
     *
     * @throws ConfigException if ZooKeeper cannot be reached in time
     */
    public static ConfigCentre connect(String connectString, ConfigCentreOptions options, long connectTimeoutMillis) {
        Objects.requireNonNull(connectString, "connectString");
        Objects.requireNonNull(options, "options");
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeoutMillis: " + connectTimeoutMillis + " (expected: > 0)");
        }
        String servers = connectString.startsWith("zookeeper://")
                ? connectString.substring("zookeeper://".length())
                : connectString;
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(servers)
                .connectionTimeoutMs((int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .sessionTimeoutMs(30_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 3))
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected(
                    (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis), TimeUnit.MILLISECONDS)) {
                client.close();
                throw new ConfigException(
                        "ZooKeeper at " + servers + " not reachable within " + connectTimeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while connecting to ZooKeeper at " + servers, e);
        }
        return new ConfigCentre(client, true, options, Clock.systemUTC());
    }

    /** With {@code clock} stamping the versions, for tests. */
    static ConfigCentre open(CuratorFramework client, ConfigCentreOptions options, Clock clock) {
        return new ConfigCentre(client, false, options, clock);
    }

    /** The options this centre was opened with (its root, environment and history size). */
    public ConfigCentreOptions options() {
        return options;
    }

    /**
     * The version in force for {@code scope}, or empty when the scope has no document. A document
     * written outside the centre (by hand, with no version record) is reported as version 0 by
     * author {@code unknown}.
     */
    public Optional<ConfigVersion> current(ConfigScope scope) {
        return store.current(Objects.requireNonNull(scope, "scope"));
    }

    /**
     * Checks {@code text} as the applications would read it, writing nothing: YAML syntax (safe
     * parser, no tags), format 1, known keys only, types and ranges (a negative timeout, an unknown
     * load balancer, a document over 256 KiB are refused). An empty text is valid and means "no
     * configuration".
     *
     * @return the first defect, with its path (e.g. {@code config.timeoutMillis: -5 (expected: 1 to
     *     3600000)}), or empty if the document is valid
     */
    public Optional<String> validate(ConfigScope scope, String text) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(text, "text");
        return ConfigDocuments.problem(text);
    }

    /**
     * Makes {@code text} the document in force for {@code scope}, as a new version, if the current
     * version is {@code expectedVersion} (0 when the scope has no document yet, or
     * {@link #ANY_VERSION}). Applications pick it up within moments, without a restart.
     *
     * @param author who makes the change, 1 to 200 characters
     * @param comment why, at most 1,000 characters; may be empty
     * @return the new version
     * @throws InvalidConfigException if {@link #validate} finds a defect; nothing is written
     * @throws ConfigConflictException if the current version is not {@code expectedVersion}
     * @throws ConfigException if ZooKeeper cannot be reached
     */
    public ConfigVersion write(ConfigScope scope, String text, String author, String comment, long expectedVersion) {
        return store.write(scope, text, author, comment, expectedVersion);
    }

    /**
     * Up to {@code limit} kept versions of {@code scope}, newest first; empty when there are none.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to 1,000
     */
    public List<ConfigVersion> history(ConfigScope scope, int limit) {
        return store.history(Objects.requireNonNull(scope, "scope"), limit);
    }

    /**
     * One kept version of {@code scope}.
     *
     * @throws ConfigException if that version was never written or is no longer kept
     */
    public ConfigVersion version(ConfigScope scope, long number) {
        return store.version(Objects.requireNonNull(scope, "scope"), number);
    }

    /**
     * The difference from version {@code from} to version {@code to} of {@code scope}; 0 stands for
     * "no document" (an empty text).
     *
     * @throws ConfigException if a version is not kept
     */
    public ConfigDiff diff(ConfigScope scope, long from, long to) {
        Objects.requireNonNull(scope, "scope");
        String before = from == 0 ? "" : store.version(scope, from).text();
        String after = to == 0 ? "" : store.version(scope, to).text();
        return new ConfigDiff(scope, from, to, LineDiff.lines(before, after));
    }

    /**
     * Makes the text of kept version {@code number} the document in force again, as a new version
     * whose comment is {@code rollback to version <number>} (history only grows). The old text is
     * validated again: a version the current parser refuses is not restored.
     *
     * @return the new version
     * @throws ConfigException if that version is not kept
     * @throws InvalidConfigException if the old text is no longer valid
     */
    public ConfigVersion rollback(ConfigScope scope, long number, String author) {
        ConfigVersion old = store.version(Objects.requireNonNull(scope, "scope"), number);
        return store.write(scope, old.text(), author, "rollback to version " + number, ANY_VERSION);
    }

    /** Every scope of this environment that has a document, applications first, each sorted by name. */
    public List<ConfigScope> scopes() {
        return store.scopes();
    }

    /** The environments that have at least one document, sorted. */
    public List<String> environments() {
        return store.environments();
    }

    /** The services with a node in the registry (providers, consumers or configuration), sorted. */
    public List<ServiceKey> services() {
        return store.services();
    }

    /**
     * The providers of {@code serviceKey} registered now, sorted by endpoint; a provider node that
     * cannot be read is left out (and logged at DEBUG).
     */
    public List<ServiceInstance> providers(ServiceKey serviceKey) {
        return store.providers(Objects.requireNonNull(serviceKey, "serviceKey"));
    }

    /**
     * Takes {@code endpoint} out of the calls to {@code serviceKey}: adds it to the {@code disabled}
     * list of the service's document (the other fields stay; comments in the document are not kept).
     * Consumers stop sending new calls to it within moments. A no-op write is not made.
     *
     * @return the version in force afterwards (empty if the document stays absent)
     */
    public Optional<ConfigVersion> offline(ServiceKey serviceKey, Endpoint endpoint, String author) {
        return switches.set(serviceKey, endpoint, true, author);
    }

    /** Undoes {@link #offline}: removes {@code endpoint} from the service's {@code disabled} list. */
    public Optional<ConfigVersion> online(ServiceKey serviceKey, Endpoint endpoint, String author) {
        return switches.set(serviceKey, endpoint, false, author);
    }

    /**
     * Sets the weight of {@code endpoint} for {@code serviceKey} in the service's document (0 to
     * 10,000; 0 drains it: it receives no calls), or with {@code null} removes the override so the
     * registered weight applies again; the other fields stay. A no-op write is not made.
     *
     * @return the version in force afterwards (empty if the document stays absent)
     * @throws InvalidConfigException if the weight is out of range; nothing is written
     */
    public Optional<ConfigVersion> weight(ServiceKey serviceKey, Endpoint endpoint, Integer weight, String author) {
        return switches.weight(serviceKey, endpoint, weight, author);
    }

    /**
     * The endpoints the service's document in this environment lists as {@code disabled} (taken
     * offline); empty without a document, or if the document in force cannot be read.
     */
    public Set<Endpoint> offlineEndpoints(ServiceKey serviceKey) {
        return switches.offline(Objects.requireNonNull(serviceKey, "serviceKey"));
    }

    /**
     * {@link #offline} or {@link #online} {@code endpoint} for every service that has a provider
     * registered at it now.
     *
     * @return the services changed, sorted
     */
    public List<ServiceKey> setOffline(Endpoint endpoint, boolean offline, String author) {
        Objects.requireNonNull(endpoint, "endpoint");
        return switches.setEverywhere(endpoint, offline, author);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }
}
