package io.courier.registry.kubernetes;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.coordination.Coordination;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.core.discovery.DiscoveryOnlyRegistry;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.core.document.ConfigWatches;
import io.courier.core.store.ConsumerRecord;
import io.courier.registry.kubernetes.internal.ConsumerLeases;
import io.courier.registry.kubernetes.internal.DocumentLayers;
import io.courier.registry.kubernetes.internal.DocumentLayout;
import io.courier.registry.kubernetes.internal.LeaseCoordination;
import io.courier.registry.kubernetes.internal.Registrations;
import io.courier.registry.kubernetes.internal.SliceFeed;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.courier.registry.kubernetes.internal.SliceWatches;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} on the Kubernetes API, through the fabric8 client. Create it with the {@code
 * kubernetes} {@link io.courier.api.registry.RegistryFactory} ({@code kubernetes://[host:port][/namespace]}).
 *
 * <ul>
 *   <li>Providers are the ready, not terminating endpoints of the EndpointSlices labelled for the
 *       service ({@link SliceLayout}), at their port named {@code courier}: the slices Kubernetes
 *       makes for a Service that carries the two labels (readiness and rollouts decide who serves),
 *       and the slices {@link #register} writes.
 *   <li>{@link #register} writes one slice per instance with a lease of {@link
 *       RegistryOptions#sessionTimeoutMillis()}, renewed every third of it; {@link #close()} deletes
 *       them. A provider that stops without closing (a crash, a partition) is dropped by its consumers
 *       once its slice has not changed for the lease.
 *   <li>Each subscribed service has one informer shared by its subscriptions (list, then a watch
 *       resumed from its last resourceVersion), kept a while after the last one closed ({@link
 *       SliceWatches}); listeners get full sorted snapshots through the one
 *       discovery policy ({@link ProviderDiscovery}): empty-push protection and the cache file as in
 *       every registry.
 *   <li>{@link #watchConfig} follows the configuration centre's documents of the application and the
 *       service (ConfigMaps, {@link DocumentLayout}), which the {@code kubernetes} {@link
 *       io.courier.api.store.RegistryStoreFactory} writes ({@link KubernetesStore}).
 *   <li>Each followed service is announced with a consumer Lease ({@link ConsumerLeases}), for the catalog.
 *   <li>Not offered, said at start and in {@code docs/registry.md}: coordination ({@link
 *       #coordination()} is empty, which the application refuses in words when asked) and service
 *       metadata (not kept).
 * </ul>
 *
 * Thread-safe.
 */
public final class KubernetesRegistry extends DiscoveryOnlyRegistry<SliceFeed> {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(KubernetesRegistry.class);

    private final ScheduledExecutorService renewer;
    private final KubernetesClient client;
    private final String name;
    private final String namespace;
    private final SliceLayout layout;
    private final Registrations registrations;
    private final SliceWatches watches;
    private final ConsumerLeases consumers;
    private final ConfigWatches configs;
    private LeaseCoordination coordination; // guarded by this; made on first use

    /** @throws IllegalArgumentException if the options ask for what this registry does not offer */
    KubernetesRegistry(RegistryOptions options, KubernetesAddress address) {
        this(
                checked(options),
                "courier-kubernetes-" + INSTANCES.incrementAndGet(),
                KubernetesClients.build(address, options));
    }

    private KubernetesRegistry(RegistryOptions options, String name, KubernetesClient client) {
        super(options, name);
        this.client = client;
        this.name = name;
        this.layout = new SliceLayout(options.root());
        this.renewer = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-renewer"));
        this.namespace = client.getNamespace();
        this.registrations = new Registrations(client, namespace, layout, options.sessionTimeoutMillis(), renewer);
        this.watches = new SliceWatches(client, namespace, layout, timer());
        this.consumers = new ConsumerLeases(
                client,
                namespace,
                layout,
                ConsumerRecord.of(options.application()),
                options.sessionTimeoutMillis(),
                renewer);
        DocumentLayout documents = new DocumentLayout(layout);
        this.configs = new ConfigWatches(notifier(), (serviceKey, rejected) -> new DocumentLayers(
                        client,
                        namespace,
                        documents,
                        serviceKey,
                        options.environment(),
                        options.application(),
                        timer(),
                        rejected)
                .start());
        registrations.start();
        log.info(
                "Registry client for Kubernetes {} (namespace {}, root {}) started; it offers locks and leader"
                        + " election on Leases but no read/write locks or semaphores, and keeps no service metadata"
                        + " (docs/registry.md)",
                client.getMasterUrl(),
                namespace,
                options.root());
    }

    private static RegistryOptions checked(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.digestAuth().isEmpty()) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: empty; the kubernetes registry"
                    + " authenticates with the client's Kubernetes credentials, e.g. the pod's service account)");
        }
        return options;
    }

    @Override
    protected void publish(ServiceInstance instance) {
        registrations.put(instance);
    }

    @Override
    protected CompletableFuture<Void> published(ServiceInstance instance) {
        return registrations.confirmation(instance);
    }

    @Override
    protected void withdraw(ServiceInstance instance) {
        registrations.remove(instance);
    }

    /**
     * Follows the configuration of {@code serviceKey}: this application's and the service's documents of
     * the configuration centre in the options' environment (ConfigMaps), merged ({@code docs/registry.md},
     * "Dynamic configuration"). A refused document leaves the configuration in force.
     */
    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return configs.watch(serviceKey, listener);
    }

    @Override
    public long rejectedConfigurations() {
        return configs.rejected();
    }

    /**
     * Locks and leader election on {@code coordination.k8s.io} Leases of the registry's namespace, lasting
     * the session timeout and renewed every third of it ({@code docs/coordination.md}, "On Kubernetes");
     * read/write locks and semaphores are refused in words. Made on first use.
     */
    @Override
    public synchronized Optional<Coordination> coordination() {
        checkOpen();
        if (coordination == null) {
            coordination =
                    new LeaseCoordination(client, namespace, layout, options().sessionTimeoutMillis(), name);
        }
        return Optional.of(coordination);
    }

    private synchronized LeaseCoordination madeCoordination() {
        return coordination;
    }

    /** A feed on the service's informer; this client announced as its consumer. */
    @Override
    protected SliceFeed follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
        consumers.announce(serviceKey);
        SliceFeed feed = new SliceFeed(watches, serviceKey, timer());
        feed.addSink(cacheFile);
        feed.start();
        return feed;
    }

    @Override
    protected void unfollowed(ServiceKey serviceKey) {
        consumers.withdraw(serviceKey);
    }

    /** Whether the API server answered this client's last request. */
    @Override
    protected boolean reachable() {
        return registrations.isReachable();
    }

    @Override
    protected boolean everReachable() {
        return registrations.wasEverReachable();
    }

    /** Deletes this client's slices. */
    @Override
    protected void withdrawAll() {
        LeaseCoordination made = madeCoordination();
        if (made != null) {
            made.close(); // releases its Leases while the client is open
        }
        renewer.shutdownNow();
        registrations.close(options().connectionTimeoutMillis());
        consumers.close();
    }

    @Override
    protected void release() {
        LeaseCoordination made = madeCoordination();
        if (made != null) {
            made.abandon(); // after close(), nothing left; after a crash, its Leases expire
        }
        renewer.shutdownNow();
        configs.close();
        watches.close();
        client.close();
        log.info(
                "Registry client for Kubernetes (namespace {}, root {}) closed",
                namespace,
                options().root());
    }

    /** Stops as a crash would: nothing deleted, the slices expire with their lease. For tests. */
    void abandon() {
        crash();
    }
}
