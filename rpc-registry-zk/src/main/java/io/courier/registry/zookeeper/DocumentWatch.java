package io.courier.registry.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one document node for {@link ZooKeeperDocuments#watch}: the text in force once the node has
 * been read, then every change, on a serial executor. The cache's listener runs on one thread, so its
 * events (and the {@code initialized} flag) are seen in order.
 */
final class DocumentWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentWatch.class);

    private final String path;
    private final Object subject;
    private final Executor executor;
    private final Consumer<String> listener;
    private final Consumer<DocumentWatch> onClose;
    private final CuratorCache cache;
    private volatile boolean open = true;
    private volatile boolean initialized; // set on the cache's listener thread, before any event it lets through

    DocumentWatch(
            CuratorFramework client,
            String path,
            Object subject,
            Executor executor,
            Consumer<String> listener,
            Consumer<DocumentWatch> onClose) {
        this.path = path;
        this.subject = subject;
        this.executor = executor;
        this.listener = listener;
        this.onClose = onClose;
        this.cache = CuratorCache.builder(client, path)
                .withOptions(CuratorCache.Options.SINGLE_NODE_CACHE)
                .withExceptionHandler(e -> log.debug("Reading {} failed; the cache retries", subject, e))
                .build();
        cache.listenable()
                .addListener(CuratorCacheListener.builder()
                        .forAll((type, before, after) -> {
                            if (initialized) {
                                deliver(after == null ? null : after.getData());
                            }
                        })
                        .forInitialized(() -> {
                            initialized = true;
                            deliver(cache.get(path).map(ChildData::getData).orElse(null));
                        })
                        .build());
    }

    void start() {
        cache.start();
    }

    private void deliver(byte[] data) {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        executor.execute(() -> {
            if (open) {
                try {
                    listener.accept(text);
                } catch (RuntimeException e) {
                    log.error("A watcher of {} failed; later changes are still delivered", subject, e);
                }
            }
        });
    }

    @Override
    public void close() {
        open = false;
        cache.close();
        onClose.accept(this);
    }
}
