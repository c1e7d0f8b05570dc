package io.courier.registry.zookeeper.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a set of ephemeral nodes present in ZooKeeper, with the wanted data, owned by the current
 * session: this process's provider and consumer nodes.
 *
 * <p>It works by reconciliation. {@link #put} and {@link #remove} change the wanted state; one
 * thread compares each node with it and acts:
 *
 * <ul>
 *   <li>absent: create it (parents as container nodes, which ZooKeeper removes once empty);
 *   <li>owned by the current session: update the data if it differs, else nothing;
 *   <li>owned by an earlier session of this client (a session that expired, or that the client gave
 *       up while the server still kept it): delete it and create it in the current session, in one
 *       transaction;
 *   <li>owned by someone else (another process announcing the same address): leave it, warn, and
 *       create ours when it goes.
 * </ul>
 *
 * Every wanted node carries an exists-watch, so a node deleted from outside is put back. A failed
 * step is retried with exponential backoff ({@value #FIRST_RETRY_MILLIS} ms doubling to {@value
 * #MAX_RETRY_MILLIS} ms, with jitter) until it succeeds or this closes. While the connection is down
 * nothing is tried; reconnecting resumes the unfinished nodes only, so a connection loss shorter
 * than the session re-registers nothing, while a new session (found by comparing session ids)
 * reconciles every node.
 *
 * <p>Thread-safe; all state is confined to the registrar thread, which may block on ZooKeeper.
 */
public final class EphemeralNodes implements AutoCloseable {

    static final long FIRST_RETRY_MILLIS = 100;
    static final long MAX_RETRY_MILLIS = 5_000;
    private static final int REMEMBERED_SESSIONS = 32;

    private static final Logger log = LoggerFactory.getLogger(EphemeralNodes.class);

    private record Confirmed(long session, byte[] data) {}

    private final CuratorFramework client;
    private final ScheduledExecutorService thread;
    private final Watcher watcher = this::onNodeEvent;
    private final ConnectionStateListener connectionListener;
    private volatile boolean closed;
    // confined to thread
    private final Map<String, byte[]> wanted = new HashMap<>();
    private final Map<String, Confirmed> confirmed = new HashMap<>();
    private final Set<String> unfinished = new LinkedHashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> retrying = new HashSet<>();
    private final Map<String, Long> heldByOthers = new HashMap<>();
    private final Deque<Long> sessions = new ArrayDeque<>();
    private final Map<String, List<CompletableFuture<Void>>> awaited = new HashMap<>();
    private long session;

    public EphemeralNodes(CuratorFramework client, String threadName) {
        this.client = client;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, threadName);
            t.setDaemon(true);
            return t;
        });
        this.connectionListener = (curator, state) -> {
            if (state.isConnected()) {
                submit(this::resume);
            }
        };
        client.getConnectionStateListenable().addListener(connectionListener);
    }

    /** Wants an ephemeral node at {@code path} with {@code data}. */
    public void put(String path, byte[] data) {
        byte[] copy = data.clone();
        submit(() -> {
            wanted.put(path, copy);
            reconcile(path);
        });
    }

    /**
     * Completes once the node wanted at {@code path} exists in the current session with the wanted
     * data (at once if it already does); never completes while it is not wanted, and is abandoned,
     * uncompleted, when the node is removed or this closes. Callers bound their wait.
     */
    public CompletableFuture<Void> confirmation(String path) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        submit(() -> {
            awaited.computeIfAbsent(path, p -> new ArrayList<>()).add(confirmed);
            completeIfConfirmed(path);
        });
        return confirmed;
    }

    /** Wants no node of this client at {@code path}. */
    public void remove(String path) {
        submit(() -> {
            awaited.remove(path); // never to be confirmed: the waiters' own bounds end their waits
            if (wanted.remove(path) != null || confirmed.containsKey(path)) {
                reconcile(path);
            }
        });
    }

    /**
     * Stops reconciling. The nodes themselves disappear when the caller closes the ZooKeeper session
     * (they are ephemeral); waits up to {@code timeoutMillis} for a step in progress.
     */
    public void close(long timeoutMillis) {
        closed = true;
        client.getConnectionStateListenable().removeListener(connectionListener);
        thread.shutdownNow();
        try {
            thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(1_000);
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: the session's end removes the nodes
        }
    }

    private void onNodeEvent(WatchedEvent event) {
        if (event.getType() != Watcher.Event.EventType.None && event.getPath() != null) {
            submit(() -> reconcile(event.getPath()));
        }
    }

    private void resume() {
        if (closed || !connectedSession()) {
            return;
        }
        for (String path : List.copyOf(unfinished)) {
            reconcile(path);
        }
    }

    /**
     * Whether there is a connected session; notices a new one, whose arrival makes every wanted node
     * unfinished.
     */
    private boolean connectedSession() {
        long id;
        try {
            if (!client.getZookeeperClient().isConnected()) {
                return false;
            }
            id = client.getZookeeperClient().getZooKeeper().getSessionId();
        } catch (Exception e) {
            return false;
        }
        if (id == 0) {
            return false;
        }
        if (id != session) {
            if (session != 0) {
                log.info(
                        "Registry session 0x{} replaced by 0x{}; restoring {} nodes",
                        Long.toHexString(session),
                        Long.toHexString(id),
                        wanted.size());
            }
            session = id;
            sessions.addLast(id);
            if (sessions.size() > REMEMBERED_SESSIONS) {
                sessions.removeFirst();
            }
            confirmed.clear();
            unfinished.addAll(wanted.keySet());
        }
        return true;
    }

    private void reconcile(String path) {
        if (closed) {
            return;
        }
        long before = session;
        if (!connectedSession()) {
            // the next connection resumes it; the late check only guards against a missed event
            unfinished.add(path);
            checkLater(path, MAX_RETRY_MILLIS);
            return;
        }
        if (session != before && before != 0) {
            resume();
            return;
        }
        try {
            step(path);
            unfinished.remove(path);
            failures.remove(path);
            completeIfConfirmed(path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            unfinished.add(path);
            retryLater(path, e);
        }
    }

    private void step(String path) throws Exception {
        byte[] data = wanted.get(path);
        if (data == null) {
            Stat stat = client.checkExists().forPath(path);
            if (stat != null && isOurs(stat.getEphemeralOwner())) {
                deleteIfUnchanged(path, stat);
            }
            confirmed.remove(path);
            heldByOthers.remove(path);
            return;
        }
        Stat stat = client.checkExists().usingWatcher(watcher).forPath(path);
        if (stat == null) {
            create(path, data);
            return;
        }
        long owner = stat.getEphemeralOwner();
        if (owner == session) {
            Confirmed known = confirmed.get(path);
            if (known == null || known.session() != session || !Arrays.equals(known.data(), data)) {
                if (!Arrays.equals(client.getData().forPath(path), data)) {
                    client.setData().withVersion(stat.getVersion()).forPath(path, data);
                }
                confirmed.put(path, new Confirmed(session, data));
            }
            heldByOthers.remove(path);
        } else if (isOurs(owner)) {
            log.info("Replacing {} left by the earlier session 0x{}", path, Long.toHexString(owner));
            replace(path, stat, data);
        } else if (!Long.valueOf(owner).equals(heldByOthers.put(path, owner))) {
            // the exists-watch set above brings us back when that node goes
            log.warn(
                    "{} is held by another session 0x{} (another process announcing the same address?); registering when it goes",
                    path,
                    Long.toHexString(owner));
        }
    }

    private void completeIfConfirmed(String path) {
        List<CompletableFuture<Void>> waiting = awaited.get(path);
        byte[] data = wanted.get(path);
        Confirmed known = confirmed.get(path);
        if (waiting == null
                || data == null
                || known == null
                || known.session() != session
                || unfinished.contains(path)
                || !Arrays.equals(known.data(), data)) {
            return;
        }
        awaited.remove(path);
        waiting.forEach(future -> future.complete(null));
    }

    private boolean isOurs(long owner) {
        return owner != 0 && sessions.contains(owner);
    }

    private void create(String path, byte[] data) throws Exception {
        client.create()
                .creatingParentContainersIfNeeded()
                .withMode(CreateMode.EPHEMERAL)
                .forPath(path, data);
        confirmed.put(path, new Confirmed(session, data));
        heldByOthers.remove(path);
    }

    /** Deletes and re-creates in one transaction, so that watchers never find the node missing for long. */
    private void replace(String path, Stat stale, byte[] data) throws Exception {
        client.transaction()
                .forOperations(
                        client.transactionOp()
                                .delete()
                                .withVersion(stale.getVersion())
                                .forPath(path),
                        client.transactionOp()
                                .create()
                                .withMode(CreateMode.EPHEMERAL)
                                .forPath(path, data));
        confirmed.put(path, new Confirmed(session, data));
        heldByOthers.remove(path);
    }

    private void deleteIfUnchanged(String path, Stat stat) throws Exception {
        try {
            client.delete().withVersion(stat.getVersion()).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // already gone: the goal of the delete
        }
    }

    private void retryLater(String path, Exception failure) {
        int attempt = failures.merge(path, 1, Integer::sum);
        long ceiling = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(attempt - 1, 16));
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        if (attempt == 1 || Integer.bitCount(attempt) == 1) {
            log.warn(
                    "Registry update of {} failed (attempt {}): {}; retrying in {} ms",
                    path,
                    attempt,
                    failure.toString(),
                    delay);
        }
        checkLater(path, delay);
    }

    private void checkLater(String path, long delay) {
        if (retrying.add(path)) {
            try {
                thread.schedule(
                        () -> {
                            retrying.remove(path);
                            reconcile(path);
                        },
                        delay,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }
}
