package io.courier.registry.zookeeper.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The provider nodes of one service as last read, and the sorted list of their instances, kept up
 * to date one node at a time.
 *
 * <p>A node's data is decoded only when its {@code mzxid} (the zxid of its creation or last update)
 * differs from the one known: a re-read after a reconnect decodes nothing that did not change, and
 * a node deleted and re-created meanwhile is seen as changed even when both copies have data
 * version 0. The instances are kept sorted by endpoint as they change, so a snapshot is one copy of
 * the list, never a sort or a rebuild of every instance. Rejected data (the decoder's null) counts
 * as no instance.
 *
 * <p>Thread-safe.
 */
final class ProviderTable {

    static final Comparator<Endpoint> BY_HOST_AND_PORT =
            Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port);

    private record Entry(long mzxid, ServiceInstance instance) {}

    private final Map<String, Entry> nodes = new HashMap<>();
    private final TreeMap<Endpoint, ServiceInstance> sorted = new TreeMap<>(BY_HOST_AND_PORT);
    private List<ServiceInstance> snapshot = List.of();
    private boolean snapshotStale;

    /**
     * Records the node at {@code path} with its {@code mzxid}; {@code decode} runs only for data not
     * seen before.
     *
     * @return whether the list of instances changed
     */
    synchronized boolean put(String path, long mzxid, Function<String, ServiceInstance> decode) {
        Entry previous = nodes.get(path);
        if (previous != null && previous.mzxid() == mzxid) {
            return false;
        }
        ServiceInstance instance = decode.apply(path);
        nodes.put(path, new Entry(mzxid, instance));
        ServiceInstance before = previous == null ? null : previous.instance();
        if (before != null && (instance == null || !before.endpoint().equals(instance.endpoint()))) {
            sorted.remove(before.endpoint());
        }
        if (instance != null) {
            sorted.put(instance.endpoint(), instance);
        }
        return changed(before, instance);
    }

    /** @return whether the list of instances changed */
    synchronized boolean remove(String path) {
        Entry previous = nodes.remove(path);
        if (previous == null || previous.instance() == null) {
            return false;
        }
        sorted.remove(previous.instance().endpoint());
        snapshotStale = true;
        return true;
    }

    /** Forgets every node not in {@code paths}; @return whether the list of instances changed */
    synchronized boolean retainAll(Set<String> paths) {
        boolean changed = false;
        for (String path : List.copyOf(nodes.keySet())) {
            if (!paths.contains(path)) {
                changed |= remove(path);
            }
        }
        return changed;
    }

    synchronized void clear() {
        nodes.clear();
        sorted.clear();
        snapshot = List.of();
        snapshotStale = false;
    }

    /** The instances sorted by endpoint, as an immutable list. */
    synchronized List<ServiceInstance> snapshot() {
        if (snapshotStale) {
            snapshot = List.copyOf(sorted.values());
            snapshotStale = false;
        }
        return snapshot;
    }

    synchronized int size() {
        return nodes.size();
    }

    private boolean changed(ServiceInstance before, ServiceInstance after) {
        boolean changed = before == null ? after != null : !before.equals(after);
        snapshotStale |= changed;
        return changed;
    }
}
