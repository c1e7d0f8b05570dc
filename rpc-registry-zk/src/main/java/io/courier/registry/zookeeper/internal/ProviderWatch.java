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
 * the first complete read; after it, changes are published {@value #SETTLE_MILLIS} ms after they
 * begin, so that a burst is one step (see {@link Publisher}). A node whose data cannot be decoded, or does not match its path, is left
 * out with a warning.
 *
 * <p>Thread-safe. Sinks are called one at a time, in order, on {@code executor}'s threads; they must
 * be quick (subscriptions hand the list to their own {@link Mailbox}).
 */
public final class ProviderWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderWatch.class);

    /** How long a change waits for the rest of its burst before it is published. */
    static final long SETTLE_MILLIS = 100;

    static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
                    (ServiceInstance instance) -> instance.endpoint().host())
            .thenComparingInt(instance -> instance.endpoint().port());

    private final ServiceKey serviceKey;
    private final String providersPath;
    private final WatchStorage<ServiceInstance> storage;
    private final CuratorCache cache;
    private final Publisher<List<ServiceInstance>> publisher;
    private volatile boolean initialized;
    private final Interner interner = new Interner(); // used on Curator's event thread only

    public ProviderWatch(
            CuratorFramework client,
            Layout layout,
            ServiceKey serviceKey,
            Executor executor,
            ScheduledExecutorService timer) {
        this.serviceKey = serviceKey;
        this.providersPath = layout.providers(serviceKey);
        this.storage =
                new WatchStorage<>(path -> Layout.parent(path).equals(providersPath), this::decode, this::changed);
        this.publisher = new Publisher<>(executor, timer, SETTLE_MILLIS, this::snapshot);
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

    @Override
    public void close() {
        cache.close();
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
