package io.courier.registry.kubernetes;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.core.discovery.ProviderStore;
import io.courier.core.discovery.Tap;
import io.courier.registry.kubernetes.internal.Registrations;
import io.courier.registry.kubernetes.internal.SliceFeed;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
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
 *       resumed from its last resourceVersion); listeners get full sorted snapshots through the one
 *       discovery policy ({@link ProviderDiscovery}): empty-push protection and the cache file as in
 *       every registry.
 *   <li>Not offered, said at start and in {@code docs/registry.md}: dynamic configuration ({@link
 *       #watchConfig} delivers {@link DynamicConfig#EMPTY} once), coordination ({@link
 *       #coordination()} is empty, which the application refuses in words when asked), service
 *       metadata (not kept) and the store of the {@code kubernetes} {@link
 *       io.courier.api.store.RegistryStoreFactory} (refused). No consumer announcements.
 * </ul>
 *
 * Thread-safe.
 */
public final class KubernetesRegistry implements Registry {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(KubernetesRegistry.class);

    private final RegistryOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();
    // threads: renewals, the feeds (and the policy's timer), listeners
    private final ScheduledExecutorService renewer;
    private final ScheduledExecutorService feeds;
    private final ExecutorService listenerPool;
    private final ProviderDiscovery<SliceFeed> discovery;
    private final KubernetesClient client;
    private final String namespace;
    private final SliceLayout layout;
    private final Registrations registrations;

    /** @throws IllegalArgumentException if the options ask for what this registry does not offer */
    KubernetesRegistry(RegistryOptions options, KubernetesAddress address) {
        this.options = Objects.requireNonNull(options, "options");
        if (!options.digestAuth().isEmpty()) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: empty; the kubernetes registry"
                    + " authenticates with the client's Kubernetes credentials, e.g. the pod's service account)");
        }
        this.layout = new SliceLayout(options.root());
        String name = "courier-kubernetes-" + INSTANCES.incrementAndGet();
        this.renewer = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-renewer"));
        this.feeds = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-watch"));
        this.listenerPool = Executors.newCachedThreadPool(new DaemonThreads(name + "-notify"));
        try {
            this.discovery = ProviderDiscovery.open(options, listenerPool, feeds, new Store());
            this.client = KubernetesClients.build(address, options);
        } catch (RuntimeException e) {
            shutdownExecutors();
            throw e;
        }
        this.namespace = client.getNamespace();
        this.registrations = new Registrations(client, namespace, layout, options.sessionTimeoutMillis(), renewer);
        registrations.start();
        log.info(
                "Registry client for Kubernetes {} (namespace {}, root {}) started; it offers discovery only: no"
                        + " dynamic configuration, coordination, service metadata or store (docs/registry.md)",
                client.getMasterUrl(),
                namespace,
                options.root());
    }

    @Override
    public void register(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        registrations.put(instance);
    }

    @Override
    public CompletableFuture<Void> registration(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return registrations.confirmation(instance);
    }

    @Override
    public void unregister(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        registrations.remove(instance);
    }

    /** Follows the service's EndpointSlices through the discovery policy, which decides what the listener sees. */
    @Override
    public AutoCloseable subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        checkOpen();
        return discovery.subscribe(serviceKey, listener, reachable, Tap::direct);
    }

    /** Follows the service's EndpointSlices; every provider counts as reachable (see {@link Registry}). */
    @Override
    public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        return subscribe(serviceKey, listener, anyEndpoint -> true);
    }

    /** Delivers {@link DynamicConfig#EMPTY} once: Kubernetes holds no Courier configuration here. */
    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        listenerPool.execute(() -> listener.accept(DynamicConfig.EMPTY));
        return () -> {};
    }

    /** Whether the API server answered this client's last request. */
    @Override
    public boolean isConnected() {
        return !closed.get() && registrations.isReachable();
    }

    /** Deletes this client's slices, then closes the feeds and the client. */
    @Override
    public void close() {
        if (closeFeeds()) {
            renewer.shutdownNow();
            registrations.close(options.connectionTimeoutMillis());
            shutdown();
        }
    }

    /** Stops as a crash would: nothing deleted, the slices expire with their lease. For tests. */
    void abandon() {
        if (closeFeeds()) {
            renewer.shutdownNow();
            shutdown();
        }
    }

    /** @return whether this call closed the registry */
    private boolean closeFeeds() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        discovery.closeFeeds();
        return true;
    }

    /** The store the discovery policy follows: an informer per service, and whether the API server answers. */
    private final class Store implements ProviderStore<SliceFeed> {
        @Override
        public SliceFeed follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
            SliceFeed feed = new SliceFeed(client, namespace, layout, serviceKey, feeds);
            feed.addSink(cacheFile);
            feed.start();
            return feed;
        }

        @Override
        public void unfollowed(ServiceKey serviceKey) {
            // no consumer announcement to withdraw
        }

        @Override
        public boolean isConnected() {
            return registrations.isReachable();
        }

        @Override
        public boolean wasEverConnected() {
            return registrations.wasEverReachable();
        }
    }

    private void shutdown() {
        client.close();
        discovery.close();
        shutdownExecutors();
        log.info("Registry client for Kubernetes (namespace {}, root {}) closed", namespace, options.root());
    }

    private void shutdownExecutors() {
        renewer.shutdownNow();
        feeds.shutdownNow();
        listenerPool.shutdownNow();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Registry is closed");
        }
    }
}
