package io.courier.registry.etcd.internal.coordination;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.CoordinationException;
import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.DistributedReadWriteLock;
import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Coordination} on etcd's own primitives, under {@code <root>/_coordination}:
 *
 * <pre>
 * &lt;root&gt;/_coordination/locks/&lt;name&gt;/&lt;lease&gt;-&lt;n&gt;                  a queued or held lock
 * &lt;root&gt;/_coordination/rwlocks/&lt;name&gt;/{read,write}-&lt;lease&gt;-&lt;n&gt;   a queued or held read or write lock
 * &lt;root&gt;/_coordination/semaphores/&lt;name&gt;/&lt;lease&gt;-&lt;n&gt;             a queued or held permit
 * &lt;root&gt;/_coordination/leaders/&lt;group&gt;/&lt;lease&gt;-&lt;n&gt;               an election member
 * </pre>
 *
 * Every key is attached to the coordination's one lease ({@link Session}) and queued by its create
 * revision, as etcd's own {@code concurrency} package does: a lock is held by the key with the lowest
 * create revision, a read lock by a key with no write key before it, a permit by the first {@code
 * maxLeases} keys, and leadership by the lowest member key. A waiting lock or member wakes when its
 * predecessor's key is deleted (a reader: the last writer's before it; a permit: any key of its queue). The fencing token is the key's create revision, which grows from one holder to the next.
 * A failed renewal invalidates every grant and ends leadership at once; a deleted key (its lease
 * expired or was revoked) invalidates its grant. Listeners and callbacks run on one thread of this
 * coordination. Thread-safe.
 */
public final class EtcdCoordination implements Coordination, Session.Listener {

    private static final Logger log = LoggerFactory.getLogger(EtcdCoordination.class);
    /** How long a release waits for etcd to delete its key before going on (the delete goes on). */
    private static final long RELEASE_WAIT_MILLIS = 1_000;

    private final Client client;
    private final KeyLayout layout;
    private final String base;
    private final long timeoutMillis;
    private final String memberPrefix;
    private final ScheduledExecutorService events;
    private final QuietTasks tasks;
    private final Session session;
    private final Deletions deletions;
    private final AtomicLong sequence = new AtomicLong();
    private final CoordinationTable<EtcdLock, EtcdSemaphore, EtcdElection> table;

    private EtcdCoordination(
            Client client, String root, long ttlSeconds, long timeoutMillis, String memberPrefix, String threadName) {
        this.client = client;
        this.layout = new KeyLayout(root);
        this.base = layout.root() + "_coordination/";
        this.table = new CoordinationTable<>(base);
        this.timeoutMillis = timeoutMillis;
        this.memberPrefix = memberPrefix;
        ScheduledThreadPoolExecutor events = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // close() drains what is due (the listeners' last calls); a renewal or retry planned for later
        // would find the coordination closed and do nothing, so the drain need not wait for it
        // (before, every close waited up to a third of the lease's TTL for the next planned renewal)
        events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.events = events;
        this.tasks = new QuietTasks(events);
        this.deletions = new Deletions(client, base, tasks);
        deletions.start();
        this.session = new Session(client, ttlSeconds, layout.connectionProbe(), events, this);
    }

    /**
     * A coordination on {@code client}, which stays the caller's to close (after this).
     *
     * @param root the registry's root, {@code /} or an absolute path without a trailing slash
     * @param ttlSeconds the lease's TTL: how long etcd keeps a silent holder's keys
     * @param timeoutMillis how long one etcd operation may take
     * @param memberPrefix names this process in an election member's value, for operators
     * @param threadName the name of the thread listeners and callbacks run on
     */
    public static EtcdCoordination open(
            Client client, String root, long ttlSeconds, long timeoutMillis, String memberPrefix, String threadName) {
        return new EtcdCoordination(client, root, ttlSeconds, timeoutMillis, memberPrefix, threadName);
    }

    /** The lease the coordination's keys live under now, or 0 while it has none; for operators and tests. */
    public long leaseId() {
        return session.leaseIdNow();
    }

    @Override
    public DistributedLock lock(String name) {
        return table.lock(
                name, n -> new EtcdLock(n, n, layout.coordination("locks", n), EtcdLock.Side.MUTEX, null, this));
    }

    @Override
    public DistributedReadWriteLock readWriteLock(String name) {
        return table.readWriteLock(name, n -> {
            String prefix = layout.coordination("rwlocks", n);
            EtcdLock write = new EtcdLock(n, n + " (write)", prefix, EtcdLock.Side.WRITE, null, this);
            EtcdLock read = new EtcdLock(n, n + " (read)", prefix, EtcdLock.Side.READ, write, this);
            return new CoordinationTable.ReadWrite<>(n, read, write);
        });
    }

    @Override
    public DistributedSemaphore semaphore(String name, int maxLeases) {
        return table.semaphore(
                name, maxLeases, n -> new EtcdSemaphore(n, maxLeases, layout.coordination("semaphores", n), this));
    }

    @Override
    public LeaderElection joinElection(String group, LeadershipListener listener) {
        table.checkElection(group, listener);
        String member = memberPrefix + "-" + sequence.incrementAndGet();
        EtcdElection election =
                new EtcdElection(group, layout.coordination("leaders", group), member, listener, this, tasks);
        table.addElection(election);
        election.start();
        return election;
    }

    @Override
    public void close() {
        if (!table.close()) {
            return;
        }
        int left = table.endAll();
        CompletableFuture<Long> stopped = new CompletableFuture<>();
        tasks.run(() -> {
            deletions.close();
            stopped.complete(session.stop());
        });
        try {
            long lease = stopped.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (lease != 0) {
                // deletes every key at once: others need not wait for the TTL
                client.getLeaseClient().revoke(lease).get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Revoking the coordination's lease failed; its keys end with its TTL: {}", e.toString());
        }
        // the registry closes the client next: a renewal still writing then would leak its buffer in gRPC
        session.renewalsDone()
                .copy()
                .completeOnTimeout(null, timeoutMillis, TimeUnit.MILLISECONDS)
                .join();
        table.drain(events, left); // the listeners' last calls (lost(), invalidations) still run
    }

    void checkOpen() {
        table.checkOpen();
    }

    boolean isOpen() {
        return table.isOpen();
    }

    Session session() {
        return session;
    }

    Deletions deletions() {
        return deletions;
    }

    // Session.Listener, on the events thread

    @Override
    public void interrupted(String reason) {
        table.interrupted(reason);
        table.elections().forEach(EtcdElection::interrupted);
    }

    @Override
    public void restored() {
        table.elections().forEach(EtcdElection::evaluate);
    }

    @Override
    public void granted(long leaseId) {
        table.elections().forEach(election -> election.rejoin(leaseId));
    }

    void forget(EtcdElection election) {
        table.forgetElection(election);
    }

    /** Decides from the queue of keys (sorted by create revision) whether the key at {@code ours} is granted. */
    interface Admission {
        /**
         * Null if the key at {@code ours} is granted; else the key (or the prefix of keys) whose
         * deletion may grant it: a lock waits for its predecessor only, as etcd's own recipe does.
         */
        String blocker(List<KeyValue> queue, int ours);
    }

    /** A granted key: its name, its create revision (the fencing token) and the session epoch it was granted in. */
    record Queued(String key, long token, long epoch) {}

    /**
     * Queues a new key {@code <prefix><kind><lease>-<n>} and waits until {@code admission} grants it,
     * at most {@code timeout}; the key is deleted if it is not granted.
     *
     * @param what what is being acquired, for messages
     */
    Queued queue(String prefix, String kind, Duration timeout, String what, Admission admission)
            throws InterruptedException, TimeoutException {
        return new KeyQueue(this, session, deletions).queue(prefix, kind, timeout, what, admission);
    }

    /** A queue's keys, oldest (lowest create revision) first. */
    static final GetOption QUEUE_ORDER = GetOption.builder()
            .isPrefix(true)
            .withKeysOnly(true)
            .withSortField(GetOption.SortTarget.CREATE)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .build();

    /** The keys under {@code prefix}, oldest (lowest create revision) first. */
    List<KeyValue> queueOf(Object what, String prefix) {
        return call(what, client.getKVClient().get(bytes(prefix), QUEUE_ORDER)).getKvs();
    }

    static int indexOf(List<KeyValue> queue, String key) {
        for (int i = 0; i < queue.size(); i++) {
            if (key(queue.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Records the grant of {@code queued}; a grant made across an interruption of the lease is invalid
     * from the start, and one whose key is deleted ends then.
     */
    Grant grant(String name, Queued queued) {
        Grant grant = new Grant(name, queued.token(), events);
        table.addGrant(grant);
        deletions.onDeleted(queued.key(), () -> {
            table.forgetGrant(grant);
            grant.invalidate("its key was deleted (the coordination's lease ended)");
        });
        if (session.epoch() != queued.epoch() || !session.healthy() || !table.isOpen()) {
            grant.invalidate("the coordination's lease was interrupted while it was granted");
        }
        return grant;
    }

    /** Ends {@code grant} by its holder's release and deletes its key, waiting a little for etcd. */
    void release(Grant grant, String key) {
        grant.release();
        table.forgetGrant(grant);
        deletions.forget(key);
        if (table.isOpen()) {
            try {
                client.getKVClient().delete(bytes(key)).get(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn(
                        "Releasing {} did not reach etcd yet ({}); its key ends with the lease at the latest",
                        key,
                        e.toString());
            }
        }
    }

    void deleteQuietly(String key) {
        deletions.forget(key);
        client.getKVClient().delete(bytes(key)).exceptionally(e -> {
            log.debug("Deleting {} failed; the lease's end removes it", key, e);
            return null;
        });
    }

    Client client() {
        return client;
    }

    String memberPrefix() {
        return memberPrefix;
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    <T> T call(Object what, CompletableFuture<T> operation) {
        try {
            return operation.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("interrupted while acquiring " + what, e);
        } catch (ExecutionException e) {
            throw new CoordinationException("acquiring " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new CoordinationException(
                    "acquiring " + what + " failed: etcd did not answer within " + timeoutMillis + " ms", e);
        }
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    static String key(KeyValue kv) {
        return kv.getKey().toString(StandardCharsets.UTF_8);
    }
}
