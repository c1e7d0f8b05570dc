package io.courier.registry.zookeeper;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.coordination.Coordination;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.core.discovery.ProviderList;
import io.courier.core.discovery.ProviderStore;
import io.courier.core.discovery.Tap;
import io.courier.core.document.ConfigWatches;
import io.courier.core.document.InstanceCodec;
import io.courier.core.store.ConsumerRecord;
import io.courier.registry.zookeeper.internal.DubboApplications;
import io.courier.registry.zookeeper.internal.DubboProviderWatch;
import io.courier.registry.zookeeper.internal.EphemeralNodes;
import io.courier.registry.zookeeper.internal.LayeredConfigWatch;
import io.courier.registry.zookeeper.internal.Layout;
import io.courier.registry.zookeeper.internal.MergedProviders;
import io.courier.registry.zookeeper.internal.MetadataStore;
import io.courier.registry.zookeeper.internal.ProviderWatch;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Registry} on ZooKeeper, through Apache Curator. Create it with the {@code zookeeper} or
 * {@code embedded} {@link io.courier.api.registry.RegistryFactory}.
 *
 * <ul>
 *   <li>Providers are ephemeral nodes {@code <root>/<serviceKey>/providers/<host:port>}, kept by a
 *       registrar that retries with backoff and restores them in every new session.
 *   <li>Each subscribed service has one shared cache (one persistent recursive watch); listeners
 *       get full, sorted snapshots through their own serial mailbox, with empty-push protection.
 *   <li>Subscribing also announces this process under {@code <root>/<serviceKey>/consumers/}.
 *   <li>The last known providers go to the cache file. A subscription that ZooKeeper has not
 *       answered within {@code connectionTimeoutMillis} (at once if the client, once connected, is
 *       known to be disconnected; no later than {@code connectionTimeoutMillis} after this client
 *       started if it never connected) gets the cached list meanwhile, or an empty list if the cache has
 *       none for the service, so that a consumer never waits on an unreachable registry.
 *   <li>{@code <root>/<serviceKey>/config} is watched and parsed strictly into {@link DynamicConfig},
 *       merged with the configuration centre's documents of the application and the service in the
 *       environment ({@code <root>/_config/<env>/...}, see {@code docs/operations.md}).
 *   <li>{@link #coordination()} offers locks, semaphores and leader election on the same session,
 *       under {@code <root>/_coordination} (see {@code docs/coordination.md}).
 *   <li>Service metadata is a persistent node {@code <root>/<serviceKey>/metadata/<digest>}, created
 *       once per digest and read on demand.
 *   <li>Apache Dubbo's layout: an instance asking for it ({@link
 *       ServiceInstance#METADATA_DUBBO_URL_PARAMETERS}) is also registered under {@code
 *       /dubbo/<interface>/providers}; a subscription to an interface that {@link
 *       RegistryOptions#dubboInterfaces()} lists also follows the stock Dubbo providers there, mixed
 *       with Courier's and called over {@code dubbo}.
 * </ul>
 *
 * Thread-safe. See {@code docs/registry.md} for the layout, formats and failure handling.
 */
public final class ZooKeeperRegistry implements Registry {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperRegistry.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final RegistryOptions options;
    private final Layout layout;
    private final CuratorFramework client;
    private final EphemeralNodes nodes;
    private final DubboApplications dubboApplications;
    private final ProviderDiscovery<ProviderWatch> discovery;
    private final ExecutorService notifier;
    private final ScheduledExecutorService timer;
    private final ConsumerRecord consumer;
    private final MetadataStore metadata;
    private final Runnable onClose;
    private final Runnable onCoordination;
    private final int instance;
    private volatile boolean everConnected;
    private final ConfigWatches configWatches;
    private final Object lock = new Object();
    // guarded by lock
    private boolean closed;
    private ZooKeeperCoordination coordination;

    /**
     * @param connectString ZooKeeper's {@code host:port[,host:port]}
     * @param onClose runs after the registry has closed everything it opened
     * @throws IllegalStateException if the cache file is unreadable and {@link
     *     RegistryOptions#strictCacheFile()} is set
     */
    ZooKeeperRegistry(RegistryOptions options, String connectString, Runnable onClose) {
        this(options, connectString, onClose, () -> {});
    }

    /**
     * @param onCoordination runs when {@link #coordination()} is first asked for (the embedded
     *     registry warns there that its coordination spans one JVM)
     */
    ZooKeeperRegistry(RegistryOptions options, String connectString, Runnable onClose, Runnable onCoordination) {
        this.options = Objects.requireNonNull(options, "options");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.onCoordination = Objects.requireNonNull(onCoordination, "onCoordination");
        this.layout = new Layout(options.root());
        this.consumer = ConsumerRecord.of(options.application());
        this.instance = INSTANCES.incrementAndGet();
        this.notifier = Executors.newCachedThreadPool(new RegistryThreads("courier-registry-" + instance + "-notify"));
        this.timer = Executors.newSingleThreadScheduledExecutor(
                new RegistryThreads("courier-registry-" + instance + "-timer"));
        CuratorFramework built = null;
        EphemeralNodes registrar = null;
        try {
            this.discovery = ProviderDiscovery.open(options, notifier, timer, new StoreLink());
            built = CuratorClients.build(options, connectString);
            built.getConnectionStateListenable().addListener((curator, state) -> {
                if (state.isConnected()) {
                    everConnected = true;
                }
            });
            registrar = new EphemeralNodes(built, "courier-registry-" + instance + "-registrar");
            built.start(); // after the listeners, so that none misses the first connection
        } catch (RuntimeException e) {
            if (registrar != null) {
                registrar.close();
            }
            if (built != null) {
                built.close();
            }
            notifier.shutdownNow();
            timer.shutdownNow();
            throw e;
        }
        this.client = built;
        this.nodes = registrar;
        this.dubboApplications =
                new DubboApplications(client, registrar, "courier-registry-" + instance + "-dubbo-applications");
        this.metadata = new MetadataStore(client, layout, timer, this::isClosed);
        this.configWatches = new ConfigWatches(notifier, (serviceKey, rejected) -> {
            LayeredConfigWatch started = new LayeredConfigWatch(
                    client, layout, serviceKey, options.environment(), options.application(), notifier, rejected);
            started.start();
            return started;
        });
        log.info("Registry client for {} (root {}) started", connectString, layout.root());
    }

    @Override
    public void register(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        nodes.put(layout.provider(instance.serviceKey(), instance.endpoint()), InstanceCodec.encode(instance));
        String dubbo = Layout.dubboProvider(instance);
        if (dubbo != null) {
            // Dubbo's consumers read only the node's name, the URL; Dubbo's own providers leave it empty
            nodes.put(dubbo, new byte[0]);
        }
        if (DubboApplications.wanted(instance)) {
            dubboApplications.add(instance);
        }
    }

    @Override
    public CompletableFuture<Void> registration(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return nodes.confirmation(layout.provider(instance.serviceKey(), instance.endpoint()));
    }

    @Override
    public void unregister(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        // first: a Dubbo consumer stops choosing this provider before Courier's consumers do
        if (DubboApplications.wanted(instance)) {
            dubboApplications.remove(instance);
        }
        String dubbo = Layout.dubboProvider(instance);
        if (dubbo != null) {
            nodes.remove(dubbo);
        }
        nodes.remove(layout.provider(instance.serviceKey(), instance.endpoint()));
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
        return discovery.subscribe(serviceKey, listener, reachable, list -> tap(serviceKey, list));
    }

    /** Straight into the list, or, for an interface read from Dubbo's layout too, merged with that. */
    private Tap tap(ServiceKey serviceKey, ProviderList list) {
        if (!options.readsDubboProviders(serviceKey.interfaceName())) {
            return Tap.direct(list);
        }
        // Dubbo's providers of the same interface, group and version, called over dubbo
        MergedProviders merged = new MergedProviders(list);
        DubboProviderWatch dubbo = new DubboProviderWatch(client, serviceKey, merged.dubbo());
        dubbo.start();
        Consumer<List<ServiceInstance>> courier = merged.courier();
        return new Tap() {
            @Override
            public Consumer<List<ServiceInstance>> sink() {
                return courier;
            }

            @Override
            public void close() {
                dubbo.close();
            }
        };
    }

    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return configWatches.watch(serviceKey, listener);
    }

    /**
     * Locks, semaphores and leader election on this registry's session, under {@code
     * <root>/_coordination}; created on first call, closed by {@link #close()} before the session.
     */
    @Override
    public Optional<Coordination> coordination() {
        synchronized (lock) {
            checkOpen();
            if (coordination == null) {
                onCoordination.run();
                coordination = new ZooKeeperCoordination(
                        client, layout.root(), consumer.id(), "courier-registry-" + instance + "-coordination");
            }
            return Optional.of(coordination);
        }
    }

    /**
     * How many configuration documents this registry has refused since it started (each also logged
     * at WARN); the configuration in force stayed each time. For a metric.
     */
    @Override
    public long rejectedConfigurations() {
        return configWatches.rejected();
    }

    /** Whether the ZooKeeper session is connected now; false once closed. */
    @Override
    public boolean isConnected() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
        }
        return client.getZookeeperClient().isConnected();
    }

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

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** The Curator client, for tests in this package. */
    CuratorFramework curator() {
        return client;
    }

    @Override
    public void close() {
        ZooKeeperCoordination coordinationToClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            coordinationToClose = coordination;
        }
        if (coordinationToClose != null) {
            // leases and leadership end before the session, while ZooKeeper can still be told
            coordinationToClose.close();
        }
        discovery.closeFeeds();
        configWatches.close();
        dubboApplications.close();
        nodes.close(options.connectionTimeoutMillis());
        // closing the session removes this process's ephemeral nodes at once
        client.close();
        timer.shutdownNow();
        notifier.shutdownNow();
        discovery.close();
        log.info("Registry client for root {} closed", layout.root());
        onClose.run();
    }

    /** The store the discovery policy follows providers in: a watch per service, the session's state. */
    private final class StoreLink implements ProviderStore<ProviderWatch> {
        @Override
        public ProviderWatch follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
            ProviderWatch watch = new ProviderWatch(client, layout, serviceKey, notifier, timer);
            watch.addSink(cacheFile);
            watch.start();
            nodes.put(layout.consumer(serviceKey, consumer.id()), consumer.data());
            return watch;
        }

        @Override
        public void unfollowed(ServiceKey serviceKey) {
            nodes.remove(layout.consumer(serviceKey, consumer.id()));
        }

        @Override
        public boolean isConnected() {
            return client.getZookeeperClient().isConnected();
        }

        @Override
        public boolean wasEverConnected() {
            return everConnected;
        }
    }

    private void checkOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("Registry is closed");
            }
        }
    }
}
