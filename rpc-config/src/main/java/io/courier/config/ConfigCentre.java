package io.courier.config;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.InvalidDocumentException;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration centre of one environment in one registry: reads, validates, writes, versions
 * and rolls back the configuration documents of applications and services. The console and {@code
 * courier-admin} are its writers; applications read the same documents through their registry and
 * apply them live ({@code docs/operations.md} lists every live key).
 *
 * <p>It works on any registry whose module offers a {@link RegistryStore} (the ZooKeeper registry
 * does; {@code docs/registry.md} shows where it keeps the documents and their versions), and knows
 * nothing of the store behind it.
 *
 * <p>Every write is validated first by the parser the applications use (the store's {@link
 * io.courier.api.store.DocumentStore#parse}: format 1 of {@code docs/registry.md}, plus the live
 * keys), so a refused document never reaches the store; a write changes the document and keeps its
 * version record together, conditional on the latest version, so concurrent writers cannot both
 * win. The last {@link ConfigCentreOptions#historySize()} versions are kept for diff and rollback;
 * each records who, when and why, and a write is also logged at INFO (logger {@code
 * io.courier.config.audit}).
 *
 * <p>Thread-safe. Every method talks to the store synchronously and throws {@link ConfigException}
 * when it cannot (unreachable, no such version); arguments are checked first
 * ({@link NullPointerException}, {@link IllegalArgumentException}). {@link #close()} closes the
 * store only if this centre opened it ({@link #connect}).
 */
public final class ConfigCentre implements AutoCloseable {

    /** For {@code expectedVersion}: write whatever the current version is. */
    public static final long ANY_VERSION = -1;

    private final RegistryStore registry;
    private final boolean ownsStore;
    private final ConfigCentreOptions options;
    private final ConfigStore store;
    private final DisabledSwitch switches;

    private ConfigCentre(RegistryStore registry, boolean ownsStore, ConfigCentreOptions options, Clock clock) {
        this.registry = registry;
        this.ownsStore = ownsStore;
        this.options = options;
        this.store = new ConfigStore(registry, options, clock);
        this.switches = new DisabledSwitch(store);
    }

    /** A centre on {@code store}, which must be open and stays the caller's to close. */
    public static ConfigCentre open(RegistryStore store, ConfigCentreOptions options) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(options, "options");
        return new ConfigCentre(store, false, options, Clock.systemUTC());
    }

    /**
     * A centre with a store of its own on the registry at {@code address} (for example {@code
     * zookeeper://host:port[,host:port]}; an address without a scheme, {@code host:port}, goes to the
     * default store, ZooKeeper), connected within {@code connectTimeoutMillis}; closed by {@link
     * #close()}. The store is found by the address's scheme ({@link RegistryStore#open}).
     *
     * @throws IllegalArgumentException if no registry module on the class path serves the address
     * @throws ConfigException if the registry cannot be reached in time
     */
    public static ConfigCentre connect(String address, ConfigCentreOptions options, long connectTimeoutMillis) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        if (connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("connectTimeoutMillis: " + connectTimeoutMillis + " (expected: > 0)");
        }
        RegistryOptions registry = RegistryOptions.builder(address)
                .root(options.root())
                .environment(options.environment())
                .connectionTimeoutMillis(connectTimeoutMillis)
                .build();
        try {
            return new ConfigCentre(RegistryStore.open(registry), true, options, Clock.systemUTC());
        } catch (StoreException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** With {@code clock} stamping the versions, for tests. */
    static ConfigCentre open(RegistryStore store, ConfigCentreOptions options, Clock clock) {
        return new ConfigCentre(store, false, options, clock);
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
     * @return the first defect, with its path (e.g. {@code courier.consumer.timeout-millis: '-5' (expected:
     *     an integer >= 1) [document field config.timeout-millis]}, the message the key gives every source),
     *     or empty if the document is valid
     */
    public Optional<String> validate(ConfigScope scope, String text) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(text, "text");
        return store.problem(scope, text);
    }

    /**
     * The keys the application of {@code scope} declared, as it published them when it last started
     * following its document: what {@link #write} checks the document's {@code settings} against (an
     * undeclared key is refused with the nearest declared one, a value failing its key's type or
     * range with the key's message). Empty for a service scope, or an application that published none
     * (its settings are then checked by the application only, when it reads them).
     *
     * @throws ConfigException if the registry cannot be reached
     */
    public Optional<KeyDeclarations> declarations(ConfigScope scope) {
        return store.declarations(Objects.requireNonNull(scope, "scope"));
    }

    /**
     * The application's {@code settings} in {@code text}, flattened, each value as operators may see
     * it (a secret's {@link KeyDeclaration#HIDDEN}); empty for a service scope or a text without them.
     *
     * @throws InvalidConfigException if the text cannot be read
     */
    public Map<String, String> settings(ConfigScope scope, String text) {
        Objects.requireNonNull(text, "text");
        Optional<KeyDeclarations> declared = declarations(scope);
        try {
            Map<String, String> shown = new TreeMap<>();
            store.documents()
                    .settings(text)
                    .forEach((name, value) -> shown.put(
                            name, declared.map(keys -> keys.shown(name, value)).orElse(value)));
            return shown;
        } catch (InvalidDocumentException e) {
            throw new InvalidConfigException(scope, e.getMessage());
        } catch (UnsupportedOperationException e) {
            return Map.of();
        }
    }

    /**
     * {@code text} as operators may see it: the values of the application's secret keys hidden
     * ({@link KeyDeclaration#HIDDEN}); unchanged for a service scope or an application without
     * declarations. {@link #diff} shows the versions so.
     */
    public String masked(ConfigScope scope, String text) {
        Objects.requireNonNull(text, "text");
        return declarations(scope).map(keys -> SecretMask.of(keys).apply(text)).orElse(text);
    }

    /**
     * {@code text} as the applications of {@code scope} would apply it, after the checks of {@link
     * #validate}; writes nothing. An empty text is {@link DynamicConfig#EMPTY}.
     *
     * @throws InvalidConfigException naming the first defect
     */
    public DynamicConfig parse(ConfigScope scope, String text) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(text, "text");
        try {
            return store.validator().parse(text);
        } catch (InvalidDocumentException e) {
            throw new InvalidConfigException(scope, e.getMessage());
        }
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
     * @throws ConfigException if the registry cannot be reached
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
     * "no document" (an empty text). Secret values are hidden ({@link #masked}).
     *
     * @throws ConfigException if a version is not kept
     */
    public ConfigDiff diff(ConfigScope scope, long from, long to) {
        Objects.requireNonNull(scope, "scope");
        String before =
                from == 0 ? "" : masked(scope, store.version(scope, from).text());
        String after = to == 0 ? "" : masked(scope, store.version(scope, to).text());
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
        if (ownsStore) {
            registry.close();
        }
    }
}
