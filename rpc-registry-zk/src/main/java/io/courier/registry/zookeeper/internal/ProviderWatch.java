package io.courier.registry.zookeeper.internal;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the provider nodes of one service and publishes the full, sorted provider list to its
 * sinks whenever it changes.
 *
 * <p>One {@link CuratorCache} (one persistent recursive watch in ZooKeeper, however many providers)
 * per service and process, shared by every subscription to that service. The cache keeps its data
 * while ZooKeeper is unreachable and re-reads everything after a reconnect or a new session, so the
 * published list is the last known one until ZooKeeper says otherwise. Nothing is published before
 * the first complete read; after it, a change is published once {@value #SETTLE_MILLIS} ms pass
 * without another, and at the latest {@value #MAX_SETTLE_MILLIS} ms after it, so that a burst of any
 * size is one step (see {@link Publisher}). A node whose data cannot be decoded, or does not match its path, is left
 * out with a warning.
 *
 * <p>Thread-safe. Sinks are called one at a time, in order, on {@code executor}'s threads; they must
 * be quick (subscriptions hand the list to their own {@link Mailbox}).
 */
public final class ProviderWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderWatch.class);

    /** The quiet time after which a burst of changes is over and published. */
    static final long SETTLE_MILLIS = 100;

    /** The longest a change waits while its burst goes on. */
    static final long MAX_SETTLE_MILLIS = 3_000;

    static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
                    (ServiceInstance instance) -> instance.endpoint().host())
            .thenComparingInt(instance -> instance.endpoint().port());

    private final CuratorFramework client;
    private final ServiceKey serviceKey;
    private final String providersPath;
    private final WatchStorage<ServiceInstance> storage;
    private final CuratorCache cache;
    private final Publisher<List<ServiceInstance>> publisher;
    private volatile boolean initialized;
    private final Interner interner = new Interner();

    public ProviderWatch(
            CuratorFramework client,
            Layout layout,
            ServiceKey serviceKey,
            Executor executor,
            ScheduledExecutorService timer) {
        this.client = client;
        this.serviceKey = serviceKey;
        this.providersPath = layout.providers(serviceKey);
        this.storage =
                new WatchStorage<>(path -> Layout.parent(path).equals(providersPath), this::decode, this::changed);
        this.publisher = new Publisher<>(executor, timer, SETTLE_MILLIS, MAX_SETTLE_MILLIS, this::snapshot);
        this.cache = CuratorCache.builder(client, providersPath)
                .withStorage(storage)
                .withExceptionHandler(
                        e -> log.debug("Reading the providers of {} failed; the cache retries", serviceKey, e))
                .build();
        cache.listenable()
                .addListener(CuratorCacheListener.builder()
                        .forInitialized(this::onInitialized)
                        .build());
    }

    public void start() {
        cache.start();
    }

    /** Adds {@code sink}; it receives the current list at once if one is known. */
    public void addSink(Consumer<List<ServiceInstance>> sink) {
        publisher.addSink(sink);
    }

    public void removeSink(Consumer<List<ServiceInstance>> sink) {
        publisher.removeSink(sink);
    }

    /** Removes the watch from ZooKeeper and forgets the list and the sinks. */
    @Override
    public void close() {
        cache.close();
        // The cache's own removal leaves the persistent recursive watch on the server (Curator 5.9
        // removes it by a watcher object the ZooKeeper client does not know): remove it by path.
        try {
            client.watchers()
                    .removeAll()
                    .ofType(Watcher.WatcherType.Any)
                    .quietly()
                    .inBackground()
                    .forPath(providersPath);
        } catch (Exception e) {
            log.debug("Removing the watch on {} failed; it goes with the session", providersPath, e);
        }
        storage.clear();
        publisher.clear();
    }

    private void onInitialized() {
        initialized = true;
        log.debug("Read {} provider nodes of {}", storage.size(), serviceKey);
        publisher.publishNow();
    }

    private void changed() {
        if (initialized) {
            publisher.changed();
        }
    }

    private List<ServiceInstance> snapshot() {
        return storage.values().sorted(BY_ENDPOINT).toList();
    }

    private ServiceInstance decode(ChildData node) {
        try {
            ServiceInstance instance = InstanceCodec.decode(node.getData(), interner);
            if (!instance.serviceKey().equals(serviceKey)) {
                throw new DocumentException(
                        "serviceKey: '" + instance.serviceKey() + "' (expected: " + serviceKey + ")");
            }
            String name = Layout.nodeName(node.getPath());
            if (!instance.endpoint().toString().equals(name)) {
                throw new DocumentException(
                        "endpoint: '" + instance.endpoint() + "' (expected: the node name " + name + ")");
            }
            return instance;
        } catch (DocumentException | IllegalArgumentException e) {
            log.warn("Ignoring provider node {}: {}", node.getPath(), e.getMessage());
            return null;
        }
    }
}
