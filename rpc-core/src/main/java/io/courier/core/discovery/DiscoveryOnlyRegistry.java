package io.courier.core.discovery;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.concurrent.DaemonThreads;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What every registry without service metadata (Kubernetes, Eureka, mDNS) does the same way,
 * so that such a module only publishes its own instances and turns its store's events into feeds: the subscriptions
 * through the one discovery policy ({@link ProviderDiscovery}), the one empty configuration
 * ({@link #watchConfig} delivers {@link DynamicConfig#EMPTY} once, unless the module's store keeps
 * configuration and overrides it), the closed state, the policy's timer and the listeners' threads, and
 * the order of a stop: feeds first, then the module's own registrations (withdrawn on {@link #close()},
 * left to expire on {@link #crash()}), then its clients. No coordination unless the module overrides
 * {@link #coordination()} (Kubernetes' Leases); consumer announcements only
 * where the module makes them ({@link #unfollowed}). Thread-safe.
 *
 * @param <F> the module's feed of one service's providers
 */
public abstract class DiscoveryOnlyRegistry<F extends ProviderFeed> implements Registry {

    private final RegistryOptions options;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final ExecutorService listeners;
    private final ProviderDiscovery<F> discovery;

    /**
     * Opens the discovery policy; the store is asked for feeds only once a service is subscribed, after
     * the subclass's constructor.
     *
     * @param name the prefix of this client's threads, e.g. {@code courier-eureka-1}
     */
    protected DiscoveryOnlyRegistry(RegistryOptions options, String name) {
        this.options = Objects.requireNonNull(options, "options");
        this.timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-timer"));
        this.listeners = Executors.newCachedThreadPool(new DaemonThreads(name + "-notify"));
        try {
            this.discovery = ProviderDiscovery.open(options, listeners, timer, new Store());
        } catch (RuntimeException e) {
            timer.shutdownNow();
            listeners.shutdownNow();
            throw e;
        }
    }

    /** The options the registry was made with. */
    protected final RegistryOptions options() {
        return options;
    }

    /** The pool listeners are called on, for a module's own listeners (its configuration's). */
    protected final Executor notifier() {
        return listeners;
    }

    /** One thread the policy and the module's feeds may schedule on. */
    protected final ScheduledExecutorService timer() {
        return timer;
    }

    /** Publishes the module's own instance (its lease renewed by the module). */
    protected abstract void publish(ServiceInstance instance);

    /** Completes once the store acknowledged the instance's publication. */
    protected abstract CompletableFuture<Void> published(ServiceInstance instance);

    /** Withdraws the module's own instance. */
    protected abstract void withdraw(ServiceInstance instance);

    /** Starts following the providers of {@code serviceKey}, each list also handed to {@code cacheFile}. */
    protected abstract F follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile);

    /** The last subscription of {@code serviceKey} closed, after its feed: a module withdraws what it announced. */
    protected void unfollowed(ServiceKey serviceKey) {
        // no consumer announcement to withdraw
    }

    /** Whether the store answered this client's last request. */
    protected abstract boolean reachable();

    /** Whether the store ever answered this client. */
    protected abstract boolean everReachable();

    /** On a graceful close: withdraws every instance this client published, within the connection timeout. */
    protected abstract void withdrawAll();

    /** Last: stops renewals and fetches and closes the module's clients and threads. */
    protected abstract void release();

    @Override
    public final void register(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        publish(instance);
    }

    @Override
    public final CompletableFuture<Void> registration(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        return published(instance);
    }

    @Override
    public final void unregister(ServiceInstance instance) {
        Objects.requireNonNull(instance, "instance");
        checkOpen();
        withdraw(instance);
    }

    /** Follows the service through the discovery policy, which decides what the listener sees. */
    @Override
    public final AutoCloseable subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        checkOpen();
        return discovery.subscribe(serviceKey, listener, reachable, Tap::direct);
    }

    /** Follows the service; every provider counts as reachable (see {@link Registry}). */
    @Override
    public final AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        return subscribe(serviceKey, listener, anyEndpoint -> true);
    }

    /**
     * Delivers {@link DynamicConfig#EMPTY} once: the store holds no Courier configuration. A module whose
     * store keeps configuration overrides it.
     */
    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        listeners.execute(() -> listener.accept(DynamicConfig.EMPTY));
        return () -> {};
    }

    @Override
    public final boolean isConnected() {
        return !closed.get() && reachable();
    }

    /** Closes the feeds, withdraws this client's instances, then releases the clients. */
    @Override
    public final void close() {
        if (closeFeeds()) {
            withdrawAll();
            finish();
        }
    }

    /** Stops as a crash would: nothing withdrawn, the instances expire with their lease. For tests. */
    protected final void crash() {
        if (closeFeeds()) {
            finish();
        }
    }

    private boolean closeFeeds() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        discovery.closeFeeds();
        return true;
    }

    private void finish() {
        release();
        discovery.close();
        timer.shutdownNow();
        listeners.shutdownNow();
    }

    /** @throws IllegalStateException once closed ({@code "Registry is closed"}) */
    protected final void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Registry is closed");
        }
    }

    /** The store the policy follows: the module's feeds, and whether its server answers. */
    private final class Store implements ProviderStore<F> {
        @Override
        public F follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile) {
            return DiscoveryOnlyRegistry.this.follow(serviceKey, cacheFile);
        }

        @Override
        public void unfollowed(ServiceKey serviceKey) {
            DiscoveryOnlyRegistry.this.unfollowed(serviceKey);
        }

        @Override
        public boolean isConnected() {
            return reachable();
        }

        @Override
        public boolean wasEverConnected() {
            return everReachable();
        }
    }
}
