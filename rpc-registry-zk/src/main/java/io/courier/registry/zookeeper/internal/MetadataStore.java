package io.courier.registry.zookeeper.internal;

import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service metadata documents: persistent nodes {@code <root>/<serviceKey>/metadata/<digest>},
 * written once (the first publisher of a digest creates the node, later ones find it there) and
 * read on demand. Content-addressed, so a node is never rewritten; old digests stay until an
 * operator deletes them. Thread-safe.
 */
public final class MetadataStore {

    private static final Logger log = LoggerFactory.getLogger(MetadataStore.class);
    private static final long MAX_RETRY_DELAY_MILLIS = 30_000;

    private final CuratorFramework client;
    private final Layout layout;
    private final ScheduledExecutorService timer;
    private final BooleanSupplier closed;

    public MetadataStore(
            CuratorFramework client, Layout layout, ScheduledExecutorService timer, BooleanSupplier closed) {
        this.client = client;
        this.layout = layout;
        this.timer = timer;
        this.closed = closed;
    }

    /** Creates the node in the background, retrying with backoff until it exists or the registry closes. */
    public void publish(ServiceKey serviceKey, String digest, byte[] document) {
        schedule(serviceKey, layout.metadata(serviceKey, digest), document.clone(), 0);
    }

    private void schedule(ServiceKey serviceKey, String path, byte[] document, long delayMillis) {
        try {
            timer.schedule(() -> attempt(serviceKey, path, document, delayMillis), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the registry closed
        }
    }

    private void attempt(ServiceKey serviceKey, String path, byte[] document, long lastDelayMillis) {
        if (closed.getAsBoolean()) {
            return;
        }
        try {
            client.create()
                    .creatingParentContainersIfNeeded()
                    .withMode(CreateMode.PERSISTENT)
                    .forPath(path, document);
            log.debug("Published the metadata of {} at {}", serviceKey, path);
        } catch (KeeperException.NodeExistsException e) {
            // another instance published the same digest: the same document
        } catch (Exception e) {
            long next = Math.min(MAX_RETRY_DELAY_MILLIS, Math.max(500, lastDelayMillis * 2));
            log.warn("Publishing the metadata of {} failed ({}); retrying in {} ms", serviceKey, e.toString(), next);
            schedule(serviceKey, path, document, next);
        }
    }

    /** The documents of {@code serviceKey} by digest; documents over the cap are skipped. */
    public Map<String, byte[]> read(ServiceKey serviceKey) {
        Map<String, byte[]> documents = new TreeMap<>();
        String parent = layout.metadata(serviceKey);
        try {
            for (String child : client.getChildren().forPath(parent)) {
                byte[] data = client.getData().forPath(parent + "/" + child);
                String digest = Layout.nodeName(child);
                if (data == null || data.length > Registry.MAX_METADATA_BYTES) {
                    log.warn(
                            "Skipped the metadata {} of {}: over {} bytes",
                            digest,
                            serviceKey,
                            Registry.MAX_METADATA_BYTES);
                    continue;
                }
                documents.put(digest, data);
            }
        } catch (KeeperException.NoNodeException e) {
            // nothing published, or deleted meanwhile
        } catch (Exception e) {
            throw new IllegalStateException("reading the metadata of " + serviceKey + " failed: " + e, e);
        }
        return documents;
    }

    /** Every service under the root with a metadata node. */
    public List<ServiceKey> services() {
        List<ServiceKey> keys = new ArrayList<>();
        String root = layout.root();
        try {
            for (String child : client.getChildren().forPath(root)) {
                ServiceKey key;
                try {
                    key = ServiceKey.parse(Layout.nodeName(child));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (client.checkExists().forPath(layout.metadata(key)) != null) {
                    keys.add(key);
                }
            }
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new IllegalStateException("listing the services under " + root + " failed: " + e, e);
        }
        keys.sort(Comparator.comparing(ServiceKey::toString));
        return keys;
    }
}
