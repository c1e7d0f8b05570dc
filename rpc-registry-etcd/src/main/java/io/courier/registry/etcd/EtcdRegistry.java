package io.courier.registry.etcd;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.coordination.Coordination;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.core.discovery.ProviderStore;
import io.courier.core.discovery.Tap;
import io.courier.core.document.ConfigWatches;
import io.courier.core.store.ConsumerRecord;
import io.courier.registry.etcd.internal.InstanceJson;
import io.courier.registry.etcd.internal.LayeredConfig;
import io.courier.registry.etcd.internal.LeasedKeys;
import io.courier.registry.etcd.internal.MetadataKeys;
import io.courier.registry.etcd.internal.ProviderWatch;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.courier.registry.etcd.internal.coordination.EtcdCoordination;
import io.etcd.jetcd.Client;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} on etcd v3, through the official jetcd client. Create it with the {@code etcd}
 * {@link io.courier.api.registry.RegistryFactory} ({@code etcd://host:port[,host:port...]}).
 *
 * <ul>
 *   <li>Providers are keys {@code <root>/<serviceKey>/providers/<host:port>} holding the instance as
 *       JSON (the ZooKeeper registry's format 1), attached to one lease per registry client whose TTL
 *       is {@link RegistryOptions#sessionTimeoutMillis()} rounded up to whole seconds. The lease is
 *       renewed while the registry is open and revoked by {@link #close()}, so a provider that stops
 *       without closing (a crash, a partition) disappears within the TTL. A lost lease is replaced
 *       and every registration written again.
 *   <li>Each subscribed service has one watch shared by its subscriptions: the first list is one
 *       range request, later changes come from a watch over the service's prefix, resumed from the
 *       last applied revision after a failure (no event missed, none applied twice). Listeners get
 *       full sorted snapshots, in order, with empty-push protection.
 *   <li>A subscribing client announces itself under {@code <root>/<serviceKey>/consumers/<id>},
 *       under the same lease, for operators. {@link #watchConfig} follows the configuration
 *       documents the {@code etcd} {@link io.courier.api.store.RegistryStoreFactory} writes.
 *   <li>{@link #coordination()}: locks, semaphores and leader election on etcd's own primitives.
 *   <li>Service metadata: keys {@code <root>/<serviceKey>/metadata/<digest>} under no lease, written
 *       once ({@link #publishMetadata}).
 *   <li>The cache file ({@link RegistryOptions#cacheFile()}): the last known providers of every
 *       subscribed service, written on each change and served to a subscription etcd has not
 *       answered within the connection timeout, as the ZooKeeper registry does.
 * </ul>
 *
 * Thread-safe.
 */
public final class EtcdRegistry implements Registry {

    private static final Logger log = LoggerFactory.getLogger(EtcdRegistry.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final RegistryOptions options;
    private final KeyLayout layout;
    private final Client client;
    private final LeasedKeys keys;
    private final ScheduledExecutorService registrar;
    private final ScheduledExecutorService watches;
    private final ExecutorService notifier;
    private final ConfigWatches configs;
    private final ConsumerRecord consumer;
    private final String name;
    private final MetadataKeys metadata;
    private final ProviderDiscovery<ProviderWatch> discovery;
    private final Object lock = new Object();
    // guarded by lock
    private boolean closed;
    private EtcdCoordination coordination;

    /**
     * @param endpoints the etcd members' {@code http://host:port}
     * @throws IllegalArgumentException if the options ask for what this registry does not offer
     */
    EtcdRegistry(RegistryOptions options, List<String> endpoints) {
        this.options = Objects.requireNonNull(options, "options");
        if (!options.digestAuth().isEmpty()) {
            throw new IllegalArgumentException(
                    "digestAuth: '<hidden>' (expected: empty; the etcd registry has no authentication yet)");
        }
        this.layout = new KeyLayout(options.root());
        int instance = INSTANCES.incrementAndGet();
        this.name = "courier-etcd-" + instance;
        this.registrar = Executors.newSingleThreadScheduledExecutor(threads(name + "-registrar"));
        this.watches = Executors.newSingleThreadScheduledExecutor(threads(name + "-watch"));
        this.notifier = Executors.newCachedThreadPool(threads(name + "-notify"));
        try {
            this.discovery = ProviderDiscovery.open(options, notifier, watches, new Store());
        } catch (RuntimeException e) {
            registrar.shutdownNow();
            watches.shutdownNow();
            notifier.shutdownNow();
            throw e;
        }
        try {
            this.client = EtcdClients.build(options, endpoints);
        } catch (RuntimeException e) {
            registrar.shutdownNow();
            watches.shutdownNow();
            notifier.shutdownNow();
            throw e;
        }
        this.keys =
                new LeasedKeys(client, ttlSeconds(options.sessionTimeoutMillis()), layout.connectionProbe(), registrar);
        this.configs = new ConfigWatches(notifier, (serviceKey, rejected) -> {
            LayeredConfig started = new LayeredConfig(
                    client, layout, serviceKey, options.environment(), options.application(), watches, rejected);
            started.start();
            return started;
        });
        this.consumer = ConsumerRecord.of(options.application());
        this.metadata = new MetadataKeys(client, layout, registrar, options.connectionTimeoutMillis());
        log.info("Registry client for etcd {} (root {}) started", endpoints, options.root());
    }

    /** The lease TTL: the session timeout rounded up to whole seconds (etcd raises it to its minimum). */
    static long ttlSeconds(long sessionTimeoutMillis) {
        return Math.max(1, (sessionTimeoutMillis + 999) / 1000);
    }

    @Override
    public void register(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        keys.put(layout.provider(instance.serviceKey(), instance.endpoint()), InstanceJson.encode(instance));
    }

    @Override
    public CompletableFuture<Void> registration(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return keys.confirmation(layout.provider(instance.serviceKey(), instance.endpoint()));
    }

    @Override
    public void unregister(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        keys.remove(layout.provider(instance.serviceKey(), instance.endpoint()));
    }

    @Override
    public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        return subscribe(serviceKey, listener, endpoint -> true);
    }

    @Override
    public AutoCloseable subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        checkOpen();
        // the shared policy decides what the listener sees; this registry only feeds it lists
        return discovery.subscribe(serviceKey, listener, reachable, Tap::direct);
    }

    /**
     * Follows the configuration of {@code serviceKey}: the service's own document, then this
     * application's and the service's documents of the configuration centre in the options'
     * environment, merged ({@code docs/registry.md}, "Dynamic configuration"). A refused document
     * leaves the configuration in force.
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
     * Locks, semaphores and leader election on etcd's own primitives, under {@code
     * <root>/_coordination}, on a lease of their own with this registry's TTL; created on first call,
     * closed by {@link #close()} before the registrations are withdrawn.
     *
     * @throws IllegalStateException if the registry is closed
     */
    @Override
    public Optional<Coordination> coordination() {
        synchronized (lock) {
            checkOpen();
            if (coordination == null) {
                coordination = EtcdCoordination.open(
                        client,
                        options.root(),
                        ttlSeconds(options.sessionTimeoutMillis()),
                        options.connectionTimeoutMillis(),
                        consumer.id(),
                        name + "-coordination");
            }
            return Optional.of(coordination);
        }
    }

    /**
     * Writes {@code <root>/<serviceKey>/metadata/<digest>} in the background, under no lease, unless it
     * exists; retried until done or the registry closes.
     */
    @Override
    public void publishMetadata(ServiceKey serviceKey, String digest, byte[] document) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Registry.checkMetadata(digest, document);
        checkOpen();
        metadata.publish(serviceKey, digest, document);
    }

    @Override
    public Map<String, byte[]> metadata(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        checkOpen();
        return metadata.read(serviceKey);
    }

    @Override
    public List<ServiceKey> servicesWithMetadata() {
        checkOpen();
        return metadata.services();
    }

    /** Whether the registry's lease was renewed by its last attempt; false once closed. */
    @Override
    public boolean isConnected() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
        }
        return keys.isRenewing();
    }

    /** The watch counters of {@code serviceKey} (applied, skipped, range reads, resumes), for tests. */
    long[] watchCounters(ServiceKey serviceKey) {
        return discovery.feed(serviceKey).map(ProviderWatch::counters).orElseGet(() -> new long[4]);
    }

    /** Revokes the lease (withdrawing every registration at once), then closes everything. */
    @Override
    public void close() {
        if (closeWatches()) {
            closeCoordination();
            keys.close(options.connectionTimeoutMillis());
            shutdown();
        }
    }

    /** Stops as a crash would: nothing withdrawn, the registrations expire with the lease. For tests. */
    void abandon() {
        if (closeWatches()) {
            closeCoordination();
            keys.abandon(options.connectionTimeoutMillis());
            shutdown();
        }
    }

    /** @return whether this call closed the registry */
    private boolean closeWatches() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        configs.close();
        discovery.closeFeeds();
        return true;
    }

    /**
     * The store the discovery policy follows providers in: a watch per service, and whether etcd
     * answers (the lease was renewed by its last attempt). etcd cannot tell a lost store from one
     * never reached, so the cache waits out the connection timeout once.
     */
    private final class Store implements ProviderStore<ProviderWatch> {
        @Override
        public ProviderWatch follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
            ProviderWatch watch = new ProviderWatch(client, layout, serviceKey, watches);
            watch.addSink(cacheFile);
            watch.start();
            keys.put(layout.consumer(serviceKey, consumer.id()), consumer.data());
            return watch;
        }

        @Override
        public void unfollowed(ServiceKey serviceKey) {
            keys.remove(layout.consumer(serviceKey, consumer.id()));
        }

        @Override
        public boolean isConnected() {
            return keys.isRenewing();
        }
    }

    private void closeCoordination() {
        EtcdCoordination open;
        synchronized (lock) {
            open = coordination;
        }
        if (open != null) {
            // leases and leadership end while etcd can still be told
            open.close();
        }
    }

    private void shutdown() {
        client.close();
        discovery.close();
        registrar.shutdownNow();
        watches.shutdownNow();
        notifier.shutdownNow();
        log.info("Registry client for etcd (root {}) closed", options.root());
    }

    private void checkOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("Registry is closed");
            }
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
