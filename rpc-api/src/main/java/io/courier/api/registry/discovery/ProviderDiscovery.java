package io.courier.api.registry.discovery;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.internal.document.ProviderCacheFile;
import io.courier.api.registry.RegistryOptions;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The discovery policy of one registry client, shared by every registry (after Armeria's {@code
 * DynamicEndpointGroup}): it owns the provider cache file and hands out the {@link ProviderList}s
 * that decide what listeners see. A registry keeps one per client and only feeds it: each store
 * watch of a service sends its complete lists to {@link #cacheFollower} and to the service's open
 * {@link ProviderList}s.
 *
 * <pre>
 * store events --(registry: decode, sort)--&gt; complete list --+--&gt; cacheFollower(service) --&gt; cache file
 *                                                            +--&gt; ProviderList --&gt; listener
 * </pre>
 *
 * <p>Ownership: the registry closes it after its watches; {@link #close()} writes the cache file's
 * pending changes. It neither owns nor shuts down the executors it is given. Thread-safe.
 */
public final class ProviderDiscovery implements AutoCloseable {

    /** What the policy asks the registry about its store's connection. */
    public interface StoreLink {

        /** Whether the store is reachable now. Fast and non-blocking. */
        boolean isConnected();

        /**
         * Whether the store was reachable at some time since the client started: a store once
         * reached and now lost will not answer soon, so new subscriptions get the cache at once.
         * This default answers false, for a store that cannot tell.
         */
        default boolean wasEverConnected() {
            return false;
        }
    }

    private final RegistryOptions options;
    private final ProviderCacheFile cacheFile;
    private final Executor notifier;
    private final ScheduledExecutorService timer;
    private final StoreLink store;
    private final long createdAtNanos = System.nanoTime();

    private ProviderDiscovery(
            RegistryOptions options,
            ProviderCacheFile cacheFile,
            Executor notifier,
            ScheduledExecutorService timer,
            StoreLink store) {
        this.options = options;
        this.cacheFile = cacheFile;
        this.notifier = notifier;
        this.timer = timer;
        this.store = store;
    }

    /**
     * Opens the policy of a registry client with {@code options}, reading its cache file.
     *
     * @param notifier where listeners are called; a pool, each list serialises its own calls
     * @param timer runs re-checks and the fallback's delay; its tasks must be quick
     * @param store asked when a subscription starts; may read fields the registry sets after this call
     * @throws IllegalStateException if the cache file is unreadable and {@link
     *     RegistryOptions#strictCacheFile()} is set
     */
    public static ProviderDiscovery open(
            RegistryOptions options, Executor notifier, ScheduledExecutorService timer, StoreLink store) {
        Objects.requireNonNull(options, "options");
        ProviderCacheFile cacheFile = ProviderCacheFile.open(options.cacheFile(), options.strictCacheFile(), notifier);
        return new ProviderDiscovery(options, cacheFile, Objects.requireNonNull(notifier, "notifier"), timer, store);
    }

    /**
     * A new subscription's list: the store's watch feeds it with {@link ProviderList#setInstances}; if
     * the store has not answered within the connection timeout, the listener gets the cached list (or
     * an empty one) meanwhile. It gets it at once if the store was reached once and is lost now, and
     * no later than the connection timeout after this client started if it never was, so that the
     * subscriptions of a process started while its store is down wait once, not once each.
     *
     * @param reachable the consumer's view of which providers are still reachable, for protection
     * @return the list, which the caller closes when the subscription closes
     */
    public ProviderList subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        Objects.requireNonNull(reachable, "reachable");
        ProviderList list =
                new ProviderList(serviceKey, listener, reachable, options.emptyProtection(), notifier, timer);
        list.scheduleFallback(cacheFile.get(serviceKey).orElse(List.of()), fallbackDelayMillis(), timer);
        return list;
    }

    /**
     * What a store's watch of {@code serviceKey} feeds besides its lists: the cache file's copy. With
     * empty-push protection on, an empty list is not written over the last non-empty one.
     */
    public Consumer<List<ServiceInstance>> cacheFollower(ServiceKey serviceKey) {
        return cacheFile.follower(serviceKey, options.emptyProtection());
    }

    private long fallbackDelayMillis() {
        long delayMillis = options.connectionTimeoutMillis();
        if (store.isConnected()) {
            return delayMillis;
        }
        if (store.wasEverConnected()) {
            return 0;
        }
        long sinceCreated = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - createdAtNanos);
        return Math.max(0, delayMillis - sinceCreated);
    }

    /** Writes the cache file's pending changes; nothing is written after. Idempotent. */
    @Override
    public void close() {
        cacheFile.close();
    }
}
