package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.GenericService;
import io.courier.api.Reference;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceKey;
import io.courier.api.ServiceOptions;
import io.courier.api.coordination.Coordination;
import io.courier.api.event.EventBroker;
import io.courier.bootstrap.admin.AdminServer;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.internal.appconfig.SettingsRuntime;
import io.courier.bootstrap.internal.config.Environment;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.export.ExportDefinition;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.bootstrap.internal.lifecycle.ShutdownHook;
import io.courier.bootstrap.internal.provider.ProviderSide;
import io.courier.bootstrap.internal.refer.GenericReferences;
import io.courier.bootstrap.internal.refer.ReferenceFactory;
import io.courier.bootstrap.internal.refer.ReferenceFields;
import io.courier.bootstrap.internal.status.StatusSnapshot;
import io.courier.bootstrap.status.CourierStatus;
import io.courier.bootstrap.status.ProviderStatus;
import io.courier.filter.metrics.PrometheusEndpoint;
import io.courier.protocol.json.ServiceMetadata;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Courier application: the services it exports and the references it holds.
 *
 * <pre>{@code
 * Courier courier = Courier.builder()
 *         .application("shop")
 *         .registry("embedded")
 *         .port(20880)
 *         .scan("com.example.shop")
 *         .start();
 * UserService users = courier.reference(UserService.class);
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is graceful and idempotent; unless
 * {@code courier.shutdown.hook=false}, a JVM shutdown hook calls it too.
 */
public final class Courier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final CourierOptions options;
    private final Settings settings;
    private final Infrastructure infrastructure;
    private final ExportedServices exported;
    private final ReferenceCache proxies;
    private final GenericReferences generics;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeDone = new CompletableFuture<>();
    private volatile boolean started;
    private volatile Thread closingThread;
    private final ShutdownHook shutdownHook = new ShutdownHook();

    Courier(CourierOptions options, Settings settings, Infrastructure infrastructure) {
        this.options = options;
        this.settings = settings;
        this.infrastructure = infrastructure;
        this.exported = new ExportedServices(infrastructure);
        ReferenceFactory references = new ReferenceFactory(infrastructure);
        this.proxies = new ReferenceCache(settings, references);
        this.generics = new GenericReferences(settings, infrastructure, references);
    }

    /** A builder reading this JVM's system properties, environment and class path. */
    public static CourierBuilder builder() {
        return new CourierBuilder(Environment.system());
    }

    /** A builder reading {@code environment} instead of the JVM's; for tests. */
    static CourierBuilder builder(Environment environment) {
        return new CourierBuilder(environment);
    }

    /** Marks a start over: probes see it started, and the shutdown hook (unless turned off) closes it. */
    void started() {
        started = true;
        if (options.shutdownHook()) {
            shutdownHook.register(this::close, "courier-shutdown-" + options.application());
        }
    }

    /** What this application built once, for {@link CourierStart}. */
    Infrastructure infrastructure() {
        return infrastructure;
    }

    /** The resolved configuration. */
    public CourierOptions options() {
        return options;
    }

    /**
     * A proxy of {@code serviceInterface} with the configured consumer options
     * ({@code courier.consumer.*} and {@code courier.service.<interface>.*}). Proxies are cached: the
     * same interface with the same options gives the same proxy.
     *
     * @throws ConfigurationException if {@code serviceInterface} is not an interface, or there is no
     *     way to find its providers (no registry and no direct address)
     */
    public <T> T reference(Class<T> serviceInterface) {
        ReferenceFields.checkInterface(serviceInterface, "reference(" + serviceInterface.getName() + ")");
        return reference(serviceInterface, CourierOptions.consumerDefaults(settings, serviceInterface.getName()));
    }

    /**
     * A proxy of {@code serviceInterface} with exactly {@code options}: configuration keys do not
     * apply. For a direct connection:
     * {@code ReferenceOptions.builder().directEndpoints(List.of(Endpoint.of("127.0.0.1", 20880))).build()}.
     */
    public <T> T reference(Class<T> serviceInterface, ReferenceOptions options) {
        String where = "reference(" + serviceInterface.getName() + ")";
        ReferenceFields.checkInterface(serviceInterface, where);
        return referenceNow(serviceInterface, Objects.requireNonNull(options, "options"), where);
    }

    /**
     * A proxy of {@code serviceInterface} with the configured consumer options overridden by
     * {@code attributes}, exactly as {@link #inject} resolves a {@link Reference} field: for
     * integrations that find the annotation elsewhere (a setter, a constructor parameter). Cached as
     * {@link #reference(Class)} is.
     *
     * @param where the annotated element, for messages ({@code @Reference on parameter 0 of ...})
     * @throws ConfigurationException naming {@code where} if the type is not an interface or an
     *     attribute is invalid
     */
    public <T> T reference(Class<T> serviceInterface, Reference attributes, String where) {
        ReferenceFields.checkInterface(serviceInterface, where);
        return referenceNow(
                serviceInterface,
                proxies.annotated(serviceInterface, Objects.requireNonNull(attributes, "attributes"), where),
                where);
    }

    /**
     * Fills every {@link Reference} field of {@code target} (superclasses included) with a proxy. All
     * fields are checked before any is set.
     *
     * @return {@code target}
     * @throws ConfigurationException naming each field whose type is not an interface, or whose
     *     attributes are invalid
     */
    public <T> T inject(T target) {
        checkOpen();
        return proxies.inject(target);
    }

    /**
     * Exports {@code implementation} now: under {@link io.courier.api.Export}'s interface and
     * attributes if its class carries it, else under the single interface it implements, with the
     * configured provider options. Its {@link Reference} fields are filled first. Starts the server
     * on the first export. Returns once the registry has acknowledged the registration (up to {@code
     * courier.registry.register-wait-millis}), as {@link CourierBuilder#start()} does.
     *
     * @throws ConfigurationException if the service key is already exported, or the export is invalid
     */
    public void export(Object implementation) {
        export(implementation, null);
    }

    /** As {@link #export(Object)}, with exactly {@code options} (configuration keys do not apply). */
    public void export(Object implementation, ServiceOptions options) {
        checkOpen();
        ExportDefinition definition =
                ExportDefinition.of(Objects.requireNonNull(implementation, "implementation"), options, settings);
        ReferenceFields.of(implementation.getClass());
        exportNow(definition);
        infrastructure.registrations().awaitPublished(settings.get(RegistryKeys.REGISTRY_REGISTER_WAIT_MILLIS));
    }

    /** The application's event broker (docs/events.md), opened on first use and closed first by {@link #close()}. */
    public EventBroker events() {
        return infrastructure.events.broker();
    }

    /** The application's own settings, declared with {@link CourierBuilder#settings} (docs/app-configuration.md). */
    public io.courier.api.config.AppSettings settings() {
        return SettingsRuntime.of(infrastructure.shared, options.application());
    }

    /**
     * Locks, read/write locks, semaphores and leader election on the registry's ZooKeeper, sharing its session,
     * under {@code <registry root>/_coordination} ({@code docs/coordination.md}). The application owns it: {@link
     * #close()} releases what is held once leader-only services stepped down and calls drained, then the registry.
     *
     * @throws ConfigurationException if the application has no registry, or one without coordination
     * @throws IllegalStateException if the application is closed
     */
    public Coordination coordination() {
        checkOpen();
        return infrastructure.coordination();
    }

    /**
     * A generic caller of {@code serviceKey}, built from the metadata its providers published in the
     * registry (the methods of every published version together): no interface class needed. The consumer
     * options are those configured for the interface name, written in the {@code json} serializer. Cached per
     * service key, rebuilt on the same consumer chain when a deploy changed the registry's metadata (compared
     * at most once a second). Waits for the first provider list.
     *
     * @throws ConfigurationException if there is no registry, or no metadata of the service in it
     */
    public synchronized GenericService generic(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        checkOpen();
        return generics.get(serviceKey);
    }

    /**
     * The metadata every provider version of {@code serviceKey} published, merged (methods by descriptor,
     * first version wins), as a {@link #generic} caller sees it; empty if none is published or no registry.
     */
    public Optional<ServiceMetadata> metadata(ServiceKey serviceKey) {
        checkOpen();
        return generics.metadata(serviceKey);
    }

    /** What {@code serviceKey}'s listed providers serve ({@code courier}, {@code grpc}; docs/grpc.md#registry). */
    public List<String> protocols(ServiceKey serviceKey) {
        return generics.protocols(Objects.requireNonNull(serviceKey, "serviceKey"));
    }

    /** The providers of {@code serviceKey} the registry lists now (where {@link #protocols} reads them). */
    public List<io.courier.api.ServiceInstance> providers(ServiceKey serviceKey) {
        return generics.providers(Objects.requireNonNull(serviceKey, "serviceKey"));
    }

    /** The services whose metadata is in the registry; empty without a registry. */
    public List<ServiceKey> servicesWithMetadata() {
        checkOpen();
        return generics.servicesWithMetadata();
    }

    /** The port the server listens on, or -1 if nothing is exported (no server runs). */
    public int port() {
        ProviderSide provider = infrastructure.startedProvider();
        return provider == null ? -1 : provider.port();
    }

    /**
     * The port of the Prometheus scrape endpoint ({@code courier.filter.metrics.prometheus.*}), the
     * bound one when port 0 was configured. Empty until the first export or reference with the
     * endpoint enabled has started it, and after {@link #close()}.
     */
    public OptionalInt prometheusPort() {
        Optional<PrometheusEndpoint> endpoint =
                closed.get() ? Optional.empty() : infrastructure.shared.find(PrometheusEndpoint.class);
        return endpoint.isPresent() ? OptionalInt.of(endpoint.get().port()) : OptionalInt.empty();
    }

    /** Where consumers reach this application's services, or empty if nothing is exported. */
    public Optional<Endpoint> endpoint() {
        ProviderSide provider = infrastructure.startedProvider();
        return provider == null ? Optional.empty() : Optional.of(provider.endpoint());
    }

    void exportNow(ExportDefinition definition) {
        checkOpen();
        exported.export(definition, this::inject);
    }

    private <T> T referenceNow(Class<T> serviceInterface, ReferenceOptions options, String where) {
        checkOpen();
        return proxies.get(serviceInterface, options, where);
    }

    /**
     * What the application serves and calls now, and whether its registry is reachable. Never waits
     * for a reference or an export being created, so that probes answer during a slow start.
     */
    public CourierStatus status() {
        List<StatusSnapshot.Held> held = proxies.held();
        List<ServiceKey> services = exported.keys();
        CourierStatus.Phase phase = StatusSnapshot.phase(started, closed.get(), closeDone.isDone());
        return StatusSnapshot.of(options.application(), phase, infrastructure, isOnline(), services, held);
    }

    /**
     * The port of the admin endpoint ({@code courier.admin.*}, see {@code docs/operations.md}), the
     * bound one when port 0 was configured; empty when it is off, and after {@link #close()}.
     */
    public OptionalInt adminPort() {
        return infrastructure.admin() instanceof AdminServer admin && !closeDone.isDone()
                ? OptionalInt.of(admin.port())
                : OptionalInt.empty();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Courier application '" + options.application() + "' is closed");
        }
    }

    /** The registered shutdown hook, or {@code null}; for tests. */
    Thread shutdownHookThread() {
        return shutdownHook.thread();
    }

    /** Removes the JVM shutdown hook, if one was registered; closing is then up to the caller. */
    public void removeShutdownHook() {
        shutdownHook.remove();
    }

    /**
     * The operator's "offline" switch: withdraws every exported service from the registry while the
     * services keep serving. Consumers that follow the registry stop choosing this application,
     * finish their calls in flight and close their connections ({@link #providerStatus()} shows them
     * leaving); nothing is refused meanwhile. Idempotent; a no-op without a registry.
     *
     * @throws IllegalStateException if the application is closed
     */
    public void offline() {
        checkOpen();
        infrastructure.registrations().offline();
    }

    /**
     * The operator's "online" switch: publishes the exported services in the registry again after
     * {@link #offline()}. Idempotent.
     *
     * @throws IllegalStateException if the application is closed
     */
    public void online() {
        checkOpen();
        infrastructure.registrations().online();
    }

    /** Whether the exported services are published (not switched {@link #offline()} and not closing). */
    public boolean isOnline() {
        return infrastructure.registrations().isOnline();
    }

    /** The server's connections, unanswered calls and queued bytes, or empty if nothing is exported. */
    public Optional<ProviderStatus> providerStatus() {
        ProviderSide provider = infrastructure.startedProvider();
        return provider == null ? Optional.empty() : Optional.of(provider.status());
    }

    /** Whether the application was closed. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Blocks until the application has closed (by {@link #close()} from another thread, or the JVM shutdown
     * hook on SIGTERM or Ctrl-C): how a {@code main} that only serves stays alive (Courier's threads are daemons).
     *
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public void awaitClose() throws InterruptedException {
        try {
            closeDone.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closing failed", e.getCause()); // closeDone never fails
        }
    }

    /**
     * Stops the application gracefully: withdraws its services from the registry, waits (up to
     * {@code courier.shutdown.unregister-wait-millis}) for consumers to close their connections,
     * tells the remaining ones it is going away, answers every call it accepted, waits for the calls its
     * references started, then closes connections, threads and the registry client. Every wait ends by
     * {@code courier.shutdown.timeout-millis} after the start. Idempotent; see {@code docs/operations.md}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            // Another thread is closing: wait for it (its close is bounded by the shutdown timeout).
            // Returning early would let the JVM's shutdown hook finish, and the JVM exit, in the
            // middle of the application's own graceful close.
            if (closingThread != Thread.currentThread()) {
                closeDone.join();
            }
            return;
        }
        closingThread = Thread.currentThread();
        try {
            removeShutdownHook();
            infrastructure.close();
            log.info("Courier application '{}' closed", options.application());
        } finally {
            closeDone.complete(null);
        }
    }
}
