package io.courier.registry.zookeeper.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheStorage;

/**
 * The storage of a {@link CuratorCache} that decodes node data as it arrives and keeps only the
 * decoded value and the node's {@code Stat} (not the raw bytes), and signals every change of a
 * decoded node.
 *
 * <p>Why not the cache's listener events: after a reconnect the cache replaces a node that was
 * deleted and re-created meanwhile without any event when both copies have data version 0. Every
 * replacement passes through {@link #put}, so here a change is seen whenever the node's {@code
 * mzxid} (the zxid of its creation or last update) differs.
 *
 * <p>Thread-safe. {@code decoder} and {@code onChange} run on Curator's event thread and must be
 * quick; {@code decoder} returns null for data it rejects (after logging why).
 *
 * @param <T> the decoded value
 */
public final class WatchStorage<T> implements CuratorCacheStorage {

    private record Entry<T>(ChildData node, T value) {}

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final Predicate<String> decoded;
    private final Function<ChildData, T> decoder;
    private final Runnable onChange;

    /**
     * @param decoded which paths carry values (the others, such as the parent, are only stored)
     */
    public WatchStorage(Predicate<String> decoded, Function<ChildData, T> decoder, Runnable onChange) {
        this.decoded = decoded;
        this.decoder = decoder;
        this.onChange = onChange;
    }

    @Override
    public Optional<ChildData> put(ChildData data) {
        String path = data.getPath();
        ChildData slim = new ChildData(path, data.getStat(), null);
        Entry<T> previous = entries.get(path);
        boolean carriesValue = decoded.test(path);
        if (previous != null
                && (!carriesValue
                        || previous.node().getStat().getMzxid()
                                == data.getStat().getMzxid())) {
            entries.put(path, new Entry<>(slim, previous.value()));
            return Optional.of(previous.node());
        }
        entries.put(path, new Entry<>(slim, carriesValue ? decoder.apply(data) : null));
        if (carriesValue) {
            onChange.run();
        }
        return previous == null ? Optional.empty() : Optional.of(previous.node());
    }

    @Override
    public Optional<ChildData> remove(String path) {
        Entry<T> previous = entries.remove(path);
        if (previous == null) {
            return Optional.empty();
        }
        if (decoded.test(path)) {
            onChange.run();
        }
        return Optional.of(previous.node());
    }

    @Override
    public void clear() {
        entries.clear();
    }

    @Override
    public Optional<ChildData> get(String path) {
        Entry<T> entry = entries.get(path);
        return entry == null ? Optional.empty() : Optional.of(entry.node());
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Stream<ChildData> stream() {
        return entries.values().stream().map(Entry::node);
    }

    /** The decoded values of every node that has one (rejected data has none). */
    public Stream<T> values() {
        return entries.values().stream().map(Entry::value).filter(value -> value != null);
    }

    /** Whether a node exists at {@code path}, as far as the cache knows. */
    public boolean contains(String path) {
        return entries.containsKey(path);
    }

    /** The decoded value at {@code path}, or null when there is no node or its data was rejected. */
    public T value(String path) {
        Entry<T> entry = entries.get(path);
        return entry == null ? null : entry.value();
    }
}
