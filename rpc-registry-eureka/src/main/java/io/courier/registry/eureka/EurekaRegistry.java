package io.courier.registry.eureka;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.core.discovery.ProviderStore;
import io.courier.core.discovery.Tap;
import io.courier.registry.eureka.internal.EurekaHttp;
import io.courier.registry.eureka.internal.EurekaLayout;
import io.courier.registry.eureka.internal.Lease;
import io.courier.registry.eureka.internal.Registrations;
import io.courier.registry.eureka.internal.RegistryPoller;
import io.courier.registry.eureka.internal.ServiceFeed;
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
 * A {@link Registry} on a Eureka server's REST API. Create it with the {@code eureka} {@link
 * io.courier.api.registry.RegistryFactory} ({@code eureka://host:port[/path][?fetchMillis=n]}).
 *
 * <ul>
 *   <li>{@link #register} makes the provider an instance of its application in Eureka ({@link
 *       EurekaLayout}: one instance per application and endpoint, the service keys and each service's
 *       instance in its metadata), with a lease of half the session timeout ({@link Lease}: Eureka
 *       evicts after twice the lease) renewed every third of the session timeout; {@link #close()}
 *       cancels it. A provider that stops without closing is evicted by the server.
 *   <li>Consumers fetch the whole registry every {@code fetchMillis} ({@link RegistryPoller}) and get
 *       full sorted lists through the one discovery policy ({@link ProviderDiscovery}): empty-push
 *       protection and the cache file as in every registry. Instances registered by other Eureka
 *       clients count when their metadata names Courier services ({@code courier.services}).
 *   <li>Not offered, said at start and in {@code docs/registry.md}: dynamic configuration ({@link
 *       #watchConfig} delivers {@link DynamicConfig#EMPTY} once), coordination ({@link #coordination()}
 *       is empty, which the application refuses in words when asked), service metadata (not kept) and
 *       the store of the {@code eureka} {@link io.courier.api.store.RegistryStoreFactory} (refused).
 * </ul>
 *
 * Thread-safe.
 */
public final class EurekaRegistry implements Registry {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(EurekaRegistry.class);

    private final RegistryOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();
    // threads: registrations and renewals, fetches, the policy's timer, listeners, the HTTP client
    private final ScheduledExecutorService registrar;
    private final ScheduledExecutorService fetcher;
    private final ScheduledExecutorService timer;
    private final ExecutorService listenerPool;
    private final ExecutorService httpPool;
    private final ProviderDiscovery<ServiceFeed> discovery;
    private final EurekaHttp http;
    private final Registrations registrations;
    private final RegistryPoller poller;

    /** @throws IllegalArgumentException if the options ask for what this registry does not offer */
    EurekaRegistry(RegistryOptions options, EurekaAddress address) {
        this.options = Objects.requireNonNull(options, "options");
        if (!options.digestAuth().isEmpty()) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: empty; the eureka registry"
                    + " speaks plain HTTP to the server and sends no credentials)");
        }
        String name = "courier-eureka-" + INSTANCES.incrementAndGet();
        this.registrar = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-registrar"));
        this.fetcher = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-fetch"));
        this.timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-timer"));
        this.listenerPool = Executors.newCachedThreadPool(new DaemonThreads(name + "-notify"));
        this.httpPool = Executors.newCachedThreadPool(new DaemonThreads(name + "-http"));
        try {
            this.discovery = ProviderDiscovery.open(options, listenerPool, timer, new Store());
        } catch (RuntimeException e) {
            shutdownExecutors();
            throw e;
        }
        EurekaLayout layout = new EurekaLayout(options.root());
        this.http = new EurekaHttp(address.base(), options.connectionTimeoutMillis(), httpPool);
        this.registrations = new Registrations(http, layout, Lease.of(options.sessionTimeoutMillis()), registrar);
        this.poller = new RegistryPoller(http, options.root(), fetcher, address.fetchMillis());
        registrations.start();
        poller.start();
        log.info(
                "Registry client for Eureka {} (root {}, registry fetched every {} ms) started; {}",
                address.base(),
                options.root(),
                address.fetchMillis(),
                EurekaStoreFactory.NOT_OFFERED);
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

    /** Follows the service in the fetched registry, through the discovery policy, which decides what the listener sees. */
    @Override
    public AutoCloseable subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        checkOpen();
        return discovery.subscribe(serviceKey, listener, reachable, Tap::direct);
    }

    /** Follows the service; every provider counts as reachable (see {@link Registry}). */
    @Override
    public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        return subscribe(serviceKey, listener, anyEndpoint -> true);
    }

    /** Delivers {@link DynamicConfig#EMPTY} once: Eureka holds no Courier configuration. */
    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        listenerPool.execute(() -> listener.accept(DynamicConfig.EMPTY));
        return () -> {};
    }

    /** Whether the Eureka server answered this client's last request (a fetch, registration or renewal). */
    @Override
    public boolean isConnected() {
        return !closed.get() && http.isReachable();
    }

    /** Cancels this client's registrations, then stops fetching and closes the HTTP client. */
    @Override
    public void close() {
        if (closeFeeds()) {
            registrations.close(options.connectionTimeoutMillis());
            shutdown();
        }
    }

    /** Stops as a crash would: nothing cancelled, the server evicts the instances when their lease ends. For tests. */
    void abandon() {
        if (closeFeeds()) {
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

    /** The store the discovery policy follows: the poller's feeds, and whether the server answers. */
    private final class Store implements ProviderStore<ServiceFeed> {
        @Override
        public ServiceFeed follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
            ServiceFeed feed = poller.follow(serviceKey);
            feed.addSink(cacheFile);
            return feed;
        }

        @Override
        public void unfollowed(ServiceKey serviceKey) {
            // no consumer announcement to withdraw
        }

        @Override
        public boolean isConnected() {
            return http.isReachable();
        }

        @Override
        public boolean wasEverConnected() {
            return http.wasEverReachable();
        }
    }

    private void shutdown() {
        shutdownExecutors();
        http.close();
        discovery.close();
        log.info("Registry client for Eureka {} (root {}) closed", http.base(), options.root());
    }

    private void shutdownExecutors() {
        registrar.shutdownNow();
        fetcher.shutdownNow();
        timer.shutdownNow();
        listenerPool.shutdownNow();
        httpPool.shutdownNow();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Registry is closed");
        }
    }
}
