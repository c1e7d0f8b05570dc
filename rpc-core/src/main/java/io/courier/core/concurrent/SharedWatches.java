package io.courier.core.concurrent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry's watches, one per key, shared by their users: the first user of a key starts its watch,
 * the last one to leave closes it (both registries keep one provider watch and one configuration watch
 * per service this way, however many listeners follow it). The start and the last user's callback run
 * under this table's lock, so that what a registry writes for a key's first user and removes for its
 * last (a consumer record) happens in the order the users came and went; a watch is closed outside it.
 * Thread-safe.
 *
 * @param <K> the key, a service
 * @param <W> the watch
 */
public final class SharedWatches<K, W extends AutoCloseable> {

    private static final Logger log = LoggerFactory.getLogger(SharedWatches.class);

    private final Map<K, Shared<W>> watches = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    private static final class Shared<W> {
        final W watch;
        int users;

        Shared(W watch) {
            this.watch = watch;
        }
    }

    /**
     * Counts a user of {@code key} in and returns the key's watch, started by {@code start} for the
     * first user.
     *
     * @throws IllegalStateException once {@link #close()} was called ({@code "Registry is closed"})
     */
    public synchronized W join(K key, Function<? super K, ? extends W> start) {
        if (closed) {
            throw new IllegalStateException("Registry is closed");
        }
        Shared<W> shared = watches.get(key);
        if (shared == null) {
            shared = new Shared<>(start.apply(key));
            watches.put(key, shared);
        }
        shared.users++;
        return shared.watch;
    }

    /**
     * Counts a user of {@code key} out; the last one runs {@code onLast} (under the lock), then closes
     * the watch (a failure to close is logged).
     *
     * @return whether that was the key's last user
     */
    public boolean leave(K key, Consumer<? super K> onLast) {
        W last;
        synchronized (this) {
            Shared<W> shared = watches.get(key);
            if (shared == null || --shared.users > 0) {
                return false;
            }
            watches.remove(key);
            last = shared.watch;
            onLast.accept(key);
        }
        closeQuietly(key, last);
        return true;
    }

    /** The watch of {@code key} while it has users. */
    public synchronized Optional<W> find(K key) {
        Shared<W> shared = watches.get(key);
        return shared == null ? Optional.empty() : Optional.of(shared.watch);
    }

    /** Closes every watch; no user joins after this. Idempotent. */
    public void close() {
        List<Map.Entry<K, Shared<W>>> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(watches.entrySet());
            watches.clear();
        }
        open.forEach(entry -> closeQuietly(entry.getKey(), entry.getValue().watch));
    }

    private static void closeQuietly(Object key, AutoCloseable watch) {
        try {
            watch.close();
        } catch (Exception e) {
            log.debug("Closing the watch of {} failed", key, e);
        }
    }
}
