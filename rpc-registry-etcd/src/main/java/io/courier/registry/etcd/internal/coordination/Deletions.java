package io.courier.registry.etcd.internal.coordination;

import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch over every coordination key ({@code <root>/_coordination/}) for deletions: it wakes the
 * waiters of a prefix (a queued lock or semaphore acquisition, which then looks at its queue again)
 * and tells the owner of a deleted key (a grant whose key vanished with its lease). Resumed from the
 * last seen revision after a failure, so no deletion is missed while it runs; waiters also look again
 * on their own at least every {@link #RECHECK_MILLIS} ms, so none waits on a deletion that came before
 * the watch.
 *
 * <p>Thread-safe: events are handled on the coordination's events thread.
 */
final class Deletions implements AutoCloseable {

    static final long RECHECK_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(Deletions.class);

    private final Client client;
    private final ByteSequence base;
    private final QuietTasks tasks;
    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private final Map<String, Runnable> owned = new ConcurrentHashMap<>();
    // confined to the events thread
    private final Backoff backoff = new Backoff();
    private long appliedRevision;
    private Watch.Watcher watcher;
    private int generation;
    private boolean closed;

    Deletions(Client client, String base, QuietTasks tasks) {
        this.client = client;
        this.base = ByteSequence.from(base, StandardCharsets.UTF_8);
        this.tasks = tasks;
    }

    void start() {
        tasks.run(() -> watchFrom(0));
    }

    /** Completes on the next deletion of a key under {@code prefix}; register before looking at the queue. */
    CompletableFuture<Void> next(String prefix) {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(prefix, p -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    void cancel(String prefix, CompletableFuture<Void> waiter) {
        Set<CompletableFuture<Void>> set = waiters.get(prefix);
        if (set != null) {
            set.remove(waiter);
        }
    }

    /** Runs {@code action} on the events thread when {@code key} is deleted (by anyone), once. */
    void onDeleted(String key, Runnable action) {
        owned.put(key, action);
    }

    /** Forgets the action of {@code key}: its owner deletes it itself. */
    void forget(String key) {
        owned.remove(key);
    }

    private void watchFrom(long revision) {
        if (closed) {
            return;
        }
        int watching = ++generation;
        WatchOption.Builder option =
                WatchOption.builder().isPrefix(true).withNoPut(true).withRequireLeader(true);
        if (revision > 0) {
            option.withRevision(revision);
        }
        watcher = client.getWatchClient().watch(base, option.build(), new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                tasks.run(() -> onEvents(watching, response));
            }

            @Override
            public void onError(Throwable error) {
                tasks.run(() -> onFailed(watching, error));
            }

            @Override
            public void onCompleted() {
                tasks.run(() -> onFailed(watching, null));
            }
        });
    }

    private void onEvents(int watching, WatchResponse response) {
        if (closed || watching != generation) {
            return;
        }
        backoff.reset();
        // a revoked lease deletes all its keys in one revision, in one response: skip only what an
        // earlier response applied
        long appliedBefore = appliedRevision;
        for (WatchEvent event : response.getEvents()) {
            long revision = event.getKeyValue().getModRevision();
            if (revision <= appliedBefore || event.getEventType() != WatchEvent.EventType.DELETE) {
                continue;
            }
            appliedRevision = Math.max(appliedRevision, revision);
            deleted(event.getKeyValue().getKey().toString(StandardCharsets.UTF_8));
        }
    }

    private void deleted(String key) {
        Runnable action = owned.remove(key);
        if (action != null) {
            action.run();
        }
        waiters.forEach((prefix, set) -> {
            if (key.startsWith(prefix)) {
                set.forEach(waiter -> waiter.complete(null));
                set.clear();
            }
        });
    }

    private void onFailed(int watching, Throwable error) {
        if (closed || watching != generation) {
            return;
        }
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        boolean compacted = String.valueOf(error).contains("compacted");
        // every waiter looks again: nothing is lost by waking it
        waiters.values().forEach(set -> set.forEach(waiter -> waiter.complete(null)));
        long delay = backoff.nextMillis();
        log.debug("The coordination's watch failed at revision {}; watching again in {} ms", appliedRevision, delay);
        int waiting = ++generation;
        tasks.schedule(
                () -> {
                    if (waiting == generation) {
                        watchFrom(compacted || appliedRevision == 0 ? 0 : appliedRevision + 1);
                    }
                },
                delay);
    }

    /** Stops watching; runs on the events thread. */
    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        waiters.values().forEach(set -> set.forEach(waiter -> waiter.complete(null)));
        waiters.clear();
        owned.clear();
    }
}
