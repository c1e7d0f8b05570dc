package io.courier.registry.zookeeper.internal;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.concurrent.Mailbox;
import io.courier.core.discovery.ProviderFeed;
import io.courier.core.document.DocumentException;
import io.courier.core.document.InstanceCodec;
import io.courier.core.document.Interner;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the provider nodes of one service and publishes the full, sorted provider list to its
 * sinks whenever it changes.
 *
 * <p>One persistent recursive watch in ZooKeeper (however many providers) per service and process,
 * shared by every subscription to that service. Each time the watch is set (at start, and again
 * after every reconnect or new session) the children are listed and their data read in batches
 * ({@link BatchedReads}); after that, each event reads just the node it names. The {@link
 * ProviderTable} keeps the last known data while ZooKeeper is unreachable, decodes only nodes whose
 * {@code mzxid} changed, and keeps the list sorted as it changes. Nothing is published before the
 * first complete read; after it, a change is published once {@value #SETTLE_MILLIS} ms pass without
 * another, and at the latest {@value #MAX_SETTLE_MILLIS} ms after it, so that a burst of any size is
 * one step (see {@link Publisher}). A node whose data cannot be decoded, or does not match its path,
 * is left out with a warning.
 *
 * <p>Thread-safe. Sinks are called one at a time, in order, on {@code executor}'s threads; they must
 * be quick (subscriptions hand the list to their own {@link Mailbox}).
 */
public final class ProviderWatch implements ProviderFeed {

    private static final Logger log = LoggerFactory.getLogger(ProviderWatch.class);

    /** The quiet time after which a burst of changes is over and published. */
    static final long SETTLE_MILLIS = 100;

    /** The longest a change waits while its burst goes on. */
    static final long MAX_SETTLE_MILLIS = 3_000;

    static final Comparator<ServiceInstance> BY_ENDPOINT =
            Comparator.comparing(ServiceInstance::endpoint, ProviderTable.BY_HOST_AND_PORT);

    private final CuratorFramework client;
    private final ServiceKey serviceKey;
    private final String providersPath;
    private final ProviderTable table = new ProviderTable();
    private final PersistentWatcher watcher;
    private final BatchedReads reads;
    private final Publisher<List<ServiceInstance>> publisher;
    private final Interner interner = new Interner();
    // guarded by this: the paths of the first listing still to be read, null once all are
    private Set<String> unread;
    private boolean initialized;
    private long startNanos;
    private volatile boolean closed;

    public ProviderWatch(
            CuratorFramework client,
            Layout layout,
            ServiceKey serviceKey,
            Executor executor,
            ScheduledExecutorService timer) {
        this.client = client;
        this.serviceKey = serviceKey;
        this.providersPath = layout.providers(serviceKey);
        this.publisher = new Publisher<>(executor, timer, SETTLE_MILLIS, MAX_SETTLE_MILLIS, table::snapshot);
        this.reads = new BatchedReads(() -> client.getZookeeperClient().getZooKeeper(), new BatchedReads.Sink() {
            @Override
            public void read(String path, Stat stat, byte[] data) {
                onRead(path, stat, data);
            }

            @Override
            public void failed(Collection<String> paths, KeeperException.Code code) {
                onFailed(paths, code);
            }
        });
        this.watcher = new PersistentWatcher(client, providersPath, true);
        watcher.getListenable().addListener(this::onEvent);
        watcher.getResetListenable().addListener(this::readAll);
    }

    public void start() {
        synchronized (this) {
            startNanos = System.nanoTime();
        }
        watcher.start();
    }

    /** Adds {@code sink}; it receives the current list at once if one is known. */
    @Override
    public void addSink(Consumer<List<ServiceInstance>> sink) {
        publisher.addSink(sink);
    }

    @Override
    public void removeSink(Consumer<List<ServiceInstance>> sink) {
        publisher.removeSink(sink);
    }

    /** Removes the watch from ZooKeeper and forgets the list and the sinks. */
    @Override
    public void close() {
        closed = true;
        watcher.close();
        reads.close();
        Children.unwatch(client, providersPath);
        table.clear();
        publisher.clear();
    }

    /** The watch is (again) in place: list the children and read them all. */
    private void readAll() {
        if (!closed) {
            Children.list(client, providersPath, "the providers of " + serviceKey, this::onChildren);
        }
    }

    private void onChildren(List<String> children) {
        if (closed) {
            return;
        }
        Set<String> paths = new HashSet<>(children.size() * 2);
        for (String child : children) {
            paths.add(providersPath + "/" + child);
        }
        if (table.retainAll(paths)) {
            changed();
        }
        synchronized (this) {
            if (!initialized) {
                unread = new HashSet<>(paths);
            }
        }
        if (paths.isEmpty()) {
            maybeInitialized(null);
        }
        reads.readAll(paths);
    }

    private void onEvent(WatchedEvent event) {
        String path = event.getPath();
        if (closed || path == null || !Layout.parent(path).equals(providersPath)) {
            return;
        }
        switch (event.getType()) {
            case NodeCreated, NodeDataChanged -> reads.read(path);
            case NodeDeleted -> {
                if (table.remove(path)) {
                    changed();
                }
                maybeInitialized(path);
            }
            default -> {
                // the watch's own state changes; the recipe re-sets it and calls readAll
            }
        }
    }

    private void onRead(String path, Stat stat, byte[] data) {
        if (closed) {
            return;
        }
        boolean changed =
                stat == null ? table.remove(path) : table.put(path, stat.getMzxid(), ignored -> decode(path, data));
        if (changed) {
            changed();
        }
        maybeInitialized(path);
    }

    private void onFailed(Collection<String> paths, KeeperException.Code code) {
        if (code == KeeperException.Code.CONNECTIONLOSS
                || code == KeeperException.Code.SESSIONEXPIRED
                || code == KeeperException.Code.SESSIONMOVED) {
            log.debug(
                    "Reading {} provider nodes of {} failed ({}); read again at the reconnect",
                    paths.size(),
                    serviceKey,
                    code);
            return;
        }
        log.warn("Could not read {} provider nodes of {} ({}); left out", paths.size(), serviceKey, code);
        for (String path : paths) {
            maybeInitialized(path);
        }
    }

    /** {@code path} was answered (null: none was due); publishes the first list once all were. */
    private void maybeInitialized(String path) {
        long tookNanos;
        synchronized (this) {
            if (initialized || unread == null || (path != null && !unread.remove(path)) || !unread.isEmpty()) {
                return;
            }
            initialized = true;
            unread = null;
            tookNanos = System.nanoTime() - startNanos;
        }
        log.debug("Read {} provider nodes of {} in {} ms", table.size(), serviceKey, tookNanos / 1_000_000);
        publisher.publishNow();
    }

    private void changed() {
        boolean ready;
        synchronized (this) {
            ready = initialized;
        }
        if (ready) {
            publisher.changed();
        }
    }

    private ServiceInstance decode(String path, byte[] data) {
        try {
            ServiceInstance instance = InstanceCodec.decode(data, interner);
            if (!instance.serviceKey().equals(serviceKey)) {
                throw new DocumentException(
                        "serviceKey: '" + instance.serviceKey() + "' (expected: " + serviceKey + ")");
            }
            String name = Layout.nodeName(path);
            if (!instance.endpoint().toString().equals(name)) {
                throw new DocumentException(
                        "endpoint: '" + instance.endpoint() + "' (expected: the node name " + name + ")");
            }
            return instance;
        } catch (DocumentException | IllegalArgumentException e) {
            log.warn("Ignoring provider node {}: {}", path, e.getMessage());
            return null;
        }
    }
}
