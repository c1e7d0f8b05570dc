package io.courier.registry.eureka;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.core.discovery.DiscoveryOnlyRegistry;
import io.courier.core.discovery.ListFeed;
import io.courier.core.discovery.ProviderDiscovery;
import io.courier.registry.eureka.internal.EurekaHttp;
import io.courier.registry.eureka.internal.EurekaLayout;
import io.courier.registry.eureka.internal.Lease;
import io.courier.registry.eureka.internal.Registrations;
import io.courier.registry.eureka.internal.RegistryPoller;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
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
public final class EurekaRegistry extends DiscoveryOnlyRegistry<ListFeed> {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(EurekaRegistry.class);

    // threads: registrations and renewals, fetches, the HTTP client (the policy's timer and listeners: the base's)
    private final ScheduledExecutorService registrar;
    private final ScheduledExecutorService fetcher;
    private final ExecutorService httpPool;
    private final EurekaHttp http;
    private final Registrations registrations;
    private final RegistryPoller poller;

    /** @throws IllegalArgumentException if the options ask for what this registry does not offer */
    EurekaRegistry(RegistryOptions options, EurekaAddress address) {
        this(checked(options), address, "courier-eureka-" + INSTANCES.incrementAndGet());
    }

    private EurekaRegistry(RegistryOptions options, EurekaAddress address, String name) {
        super(options, name);
        this.registrar = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-registrar"));
        this.fetcher = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-fetch"));
        this.httpPool = Executors.newCachedThreadPool(new DaemonThreads(name + "-http"));
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

    private static RegistryOptions checked(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        if (!options.digestAuth().isEmpty()) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: empty; the eureka registry"
                    + " speaks plain HTTP to the server and sends no credentials)");
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

    /** The service in the fetched registry. */
    @Override
    protected ListFeed follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
        ListFeed feed = poller.follow(serviceKey);
        feed.addSink(cacheFile);
        return feed;
    }

    /** Whether the Eureka server answered this client's last request (a fetch, registration or renewal). */
    @Override
    protected boolean reachable() {
        return http.isReachable();
    }

    @Override
    protected boolean everReachable() {
        return http.wasEverReachable();
    }

    /** Cancels this client's registrations. */
    @Override
    protected void withdrawAll() {
        registrations.close(options().connectionTimeoutMillis());
    }

    @Override
    protected void release() {
        registrar.shutdownNow();
        fetcher.shutdownNow();
        httpPool.shutdownNow();
        http.close();
        log.info(
                "Registry client for Eureka {} (root {}) closed",
                http.base(),
                options().root());
    }

    /** Stops as a crash would: nothing cancelled, the server evicts the instances when their lease ends. For tests. */
    void abandon() {
        crash();
    }
}
