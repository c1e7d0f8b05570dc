package io.courier.core.discovery;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.concurrent.SharedWatches;
import io.courier.core.document.ProviderCacheFile;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The discovery policy of one registry client, shared by every registry (after Armeria's {@code
 * DynamicEndpointGroup}): it owns the provider cache file, one {@link ProviderFeed} per subscribed
 * service (started by the service's first subscription, closed after its last) and the {@link
 * ProviderList}s that decide what listeners see. A registry only supplies its store ({@link
 * ProviderStore}), whose feeds turn the store's events into complete lists.
 *
 * <pre>
 * store events --(registry's ProviderFeed: decode, sort)--&gt; complete list --+--&gt; cache file
 *                                                                          +--&gt; ProviderList --&gt; listener
 * </pre>
 *
 * <p>Ownership: the registry calls {@link #closeFeeds()} when it starts closing and {@link #close()}
 * once its store is closed; {@link #close()} writes the cache file's pending changes. The executors
 * stay the registry's. Thread-safe.
 *
 * @param <F> the registry's provider watch
 */
public final class ProviderDiscovery<F extends ProviderFeed> implements AutoCloseable {

    private final RegistryOptions options;
    private final ProviderCacheFile cacheFile;
    private final Executor notifier;
    private final ScheduledExecutorService timer;
    private final ProviderStore<F> store;
    private final SharedWatches<ServiceKey, F> feeds = new SharedWatches<>();
    private final long createdAtNanos = System.nanoTime();

    private ProviderDiscovery(
            RegistryOptions options,
            ProviderCacheFile cacheFile,
            Executor notifier,
            ScheduledExecutorService timer,
            ProviderStore<F> store) {
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
     * @param store the registry's store; may read fields the registry sets after this call
     * @throws IllegalStateException if the cache file is unreadable and {@link
     *     RegistryOptions#strictCacheFile()} is set
     */
    public static <F extends ProviderFeed> ProviderDiscovery<F> open(
            RegistryOptions options, Executor notifier, ScheduledExecutorService timer, ProviderStore<F> store) {
        Objects.requireNonNull(options, "options");
        ProviderCacheFile cacheFile = ProviderCacheFile.open(options.cacheFile(), options.strictCacheFile(), notifier);
        return new ProviderDiscovery<>(
                options, cacheFile, Objects.requireNonNull(notifier, "notifier"), timer, Objects.requireNonNull(store));
    }

    /**
     * {@link io.courier.api.registry.Registry#subscribe(ServiceKey, Consumer, Predicate)}: the
     * service's feed (started for its first subscription) feeds a new {@link ProviderList}. If the
     * store has not answered within the connection timeout, the listener gets the cached list (or an
     * empty one) meanwhile: at once if the store was reached once and is lost now, and no later than
     * the connection timeout after this client started if it never was, so that the subscriptions of
     * a process started while its store is down wait once, not once each.
     *
     * @param tap how the new list is fed from the service's feed ({@link Tap#direct} but for a
     *     registry that merges other sources in)
     * @return the subscription's handle: its {@code close()} closes the list and the tap, and the
     *     service's feed after its last subscription; idempotent, never throws
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException once {@link #closeFeeds()} was called ({@code "Registry is closed"})
     */
    public AutoCloseable subscribe(
            ServiceKey serviceKey,
            Consumer<List<ServiceInstance>> listener,
            Predicate<Endpoint> reachable,
            Function<ProviderList, Tap> tap) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(reachable, "reachable");
        F feed = feeds.join(serviceKey, key -> store.follow(key, cacheFile.follower(key, options.emptyProtection())));
        ProviderList list =
                new ProviderList(serviceKey, listener, reachable, options.emptyProtection(), notifier, timer);
        Tap tapped = tap.apply(list);
        feed.addSink(tapped.sink());
        list.scheduleFallback(cacheFile.get(serviceKey).orElse(List.of()), fallbackDelayMillis(), timer);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                list.close();
                feed.removeSink(tapped.sink());
                tapped.close();
                feeds.leave(serviceKey, store::unfollowed);
            }
        };
    }

    /** The feed of {@code serviceKey} while it has subscriptions, for a registry's tests and metrics. */
    public Optional<F> feed(ServiceKey serviceKey) {
        return feeds.find(serviceKey);
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

    /** Closes every feed; no subscription starts after this. Idempotent. */
    public void closeFeeds() {
        feeds.close();
    }

    /** Closes the feeds and writes the cache file's pending changes; nothing is written after. Idempotent. */
    @Override
    public void close() {
        feeds.close();
        cacheFile.close();
    }
}
