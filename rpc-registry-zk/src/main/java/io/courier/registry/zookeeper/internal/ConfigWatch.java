package io.courier.registry.zookeeper.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.core.document.ConfigParser;
import io.courier.core.document.DocumentException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the configuration node of one service and publishes each valid configuration to its
 * sinks. A document that {@link ConfigParser} refuses is logged once and changes nothing: the
 * configuration in force stays. A deleted node publishes {@link DynamicConfig#EMPTY}.
 *
 * <p>Thread-safe; sinks are called one at a time, in order, on {@code executor}'s threads.
 */
public final class ConfigWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatch.class);

    private final Object serviceKey;
    private final String configPath;
    private final LongAdder rejected;
    private final WatchStorage<DynamicConfig> storage;
    private final CuratorCache cache;
    private final Publisher<DynamicConfig> publisher;
    private volatile boolean initialized;

    public ConfigWatch(CuratorFramework client, Layout layout, ServiceKey serviceKey, Executor executor) {
        this(client, layout.config(serviceKey), serviceKey, executor, new LongAdder());
    }

    /**
     * Follows the document at {@code configPath}.
     *
     * @param subject what the document configures, for log lines (a service key, {@code application shop})
     * @param rejected counts the documents refused
     */
    public ConfigWatch(
            CuratorFramework client, String configPath, Object subject, Executor executor, LongAdder rejected) {
        this.serviceKey = subject;
        this.configPath = configPath;
        this.rejected = rejected;
        this.storage = new WatchStorage<>(configPath::equals, this::decode, this::changed);
        this.publisher = new Publisher<>(executor, null, 0, this::snapshot);
        this.cache = CuratorCache.builder(client, configPath)
                .withOptions(CuratorCache.Options.SINGLE_NODE_CACHE)
                .withStorage(storage)
                .withExceptionHandler(
                        e -> log.debug("Reading the configuration of {} failed; the cache retries", serviceKey, e))
                .build();
        cache.listenable()
                .addListener(CuratorCacheListener.builder()
                        .forInitialized(this::onInitialized)
                        .build());
    }

    public void start() {
        cache.start();
    }

    /** Adds {@code sink}; it receives the configuration in force at once if one is known. */
    public void addSink(Consumer<DynamicConfig> sink) {
        publisher.addSink(sink);
    }

    public void removeSink(Consumer<DynamicConfig> sink) {
        publisher.removeSink(sink);
    }

    @Override
    public void close() {
        cache.close();
    }

    private void onInitialized() {
        initialized = true;
        publisher.publishNow();
    }

    private void changed() {
        if (initialized) {
            publisher.changed();
        }
    }

    // a rejected document has no value: null publishes nothing, so the configuration in force stays
    private DynamicConfig snapshot() {
        return storage.contains(configPath) ? storage.value(configPath) : DynamicConfig.EMPTY;
    }

    private DynamicConfig decode(ChildData node) {
        try {
            return ConfigParser.parse(node.getData());
        } catch (DocumentException e) {
            rejected.increment();
            log.warn(
                    "Rejected the dynamic configuration of {} (node {}, zxid 0x{}): {}; the previous configuration stays in force",
                    serviceKey,
                    node.getPath(),
                    Long.toHexString(node.getStat().getMzxid()),
                    e.getMessage());
            return null;
        }
    }
}
