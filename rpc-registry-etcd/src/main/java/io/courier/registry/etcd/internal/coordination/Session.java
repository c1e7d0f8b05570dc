package io.courier.registry.etcd.internal.coordination;

import io.courier.api.coordination.CoordinationException;
import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.ConnectionWatch;
import io.courier.registry.etcd.internal.client.LeaseRenewal;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.Client;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordination's lease, what a ZooKeeper session is to Curator's recipes: every key a lock,
 * semaphore or election member writes is attached to it, so that it vanishes with the lease. It is
 * kept alive while the coordination is open ({@link LeaseRenewal}); a broken connection (heard at
 * once through a {@link ConnectionWatch}), a renewal that fails, or no successful renewal for two
 * thirds of the TTL (a silent partition), <em>interrupts</em>
 * it (every grant made under it ends, as on a suspended ZooKeeper connection) until a renewal
 * succeeds again (<em>restored</em>). So a holder cut off from etcd learns it at least a third of the
 * TTL before etcd can expire the lease and grant its keys' places to others. A lease etcd no longer
 * knows (it expired or was revoked) is <em>lost</em>, and a new one is granted.
 *
 * <p>Thread-safe: state changes and the listener's calls run on {@code events}, one thread.
 */
final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    /** Hears the lease's state change, on the events thread. */
    interface Listener {
        /** Renewals fail: grants made so far can no longer be trusted. */
        void interrupted(String reason);

        /** Renewals succeed again after an interruption; the lease is the same. */
        void restored();

        /** A new lease replaces one that was lost (its keys are gone). */
        void granted(long leaseId);
    }

    private final Client client;
    private final long ttlSeconds;
    private final QuietTasks tasks;
    private final Listener listener;
    private final ConnectionWatch connection;
    private final Backoff backoff = new Backoff();
    // confined to events
    private long leaseId;
    private LeaseRenewal renewal;
    // every renewal stopped so far has finished writing: the client may close
    private volatile CompletableFuture<Void> renewalsDone = CompletableFuture.completedFuture(null);
    private boolean closed;
    private CompletableFuture<Long> current = new CompletableFuture<>();
    private volatile CompletableFuture<Long> published = current;
    private volatile boolean healthy;
    private volatile long epoch; // grows with every interruption and loss
    private long renewedAtNanos; // confined to events

    /** @param connectionKey a key nobody writes, watched to learn at once that the connection broke */
    Session(Client client, long ttlSeconds, String connectionKey, ScheduledExecutorService events, Listener listener) {
        this.client = client;
        this.ttlSeconds = ttlSeconds;
        this.tasks = new QuietTasks(events);
        this.listener = listener;
        tasks.run(this::grant);
        this.connection = new ConnectionWatch(client, connectionKey, () -> tasks.run(this::connectionBroken));
        long checkMillis = Math.max(100, ttlSeconds * 1000 / 6);
        events.scheduleWithFixedDelay(
                () -> {
                    if (!closed) {
                        checkSilence();
                    }
                },
                checkMillis,
                checkMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Interrupts the lease until a renewal, started now, succeeds: etcd may be gone. */
    private void connectionBroken() {
        if (renewal != null) {
            interrupt("the connection to etcd broke");
            renewal.renewNow();
        }
    }

    /** Interrupts the lease when no renewal succeeded for two thirds of its TTL. */
    private void checkSilence() {
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - renewedAtNanos);
        if (healthy && leaseId != 0 && silentMillis > ttlSeconds * 2000 / 3) {
            interrupt("no renewal of the lease for " + silentMillis + " ms (2/3 of its " + ttlSeconds + " s TTL)");
        }
    }

    /**
     * The lease now, waiting up to {@code millis} for one to be granted.
     *
     * @throws TimeoutException if none was granted in time
     */
    long awaitLease(long millis) throws InterruptedException, TimeoutException {
        try {
            return published.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CoordinationException("the coordination's lease could not be granted", e.getCause());
        }
    }

    /**
     * Tells the session that etcd no longer knows {@code lease} (an operation under it was refused),
     * and waits briefly until a new lease is being granted, so that {@link #awaitLease} no longer
     * answers the old one.
     */
    void replace(long lease) throws InterruptedException {
        CompletableFuture<Void> replaced = new CompletableFuture<>();
        tasks.run(() -> {
            lost(lease, "etcd no longer knows it");
            replaced.complete(null);
        });
        try {
            replaced.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closed meanwhile, or the events thread is busy: the caller's deadline bounds its retries
        }
    }

    /** The lease now, or 0 while there is none. */
    long leaseIdNow() {
        CompletableFuture<Long> lease = published;
        return lease.isDone() && !lease.isCompletedExceptionally() ? lease.join() : 0;
    }

    /** Whether the last renewal succeeded and none failed since. */
    boolean healthy() {
        return healthy;
    }

    /** Counts interruptions and losses: a grant made across one is not trusted. */
    long epoch() {
        return epoch;
    }

    /** Stops renewing; the lease id to revoke (0 if none). Runs on the events thread. */
    long stop() {
        connection.close();
        closed = true;
        healthy = false;
        epoch++;
        stopRenewal();
        current.completeExceptionally(new IllegalStateException("the coordination is closed"));
        return leaseId;
    }

    /**
     * Completes once every renewal stopped so far has finished writing, so that the client can be
     * closed without a write in flight; read after {@link #stop}.
     */
    CompletableFuture<Void> renewalsDone() {
        return renewalsDone;
    }

    private void stopRenewal() {
        if (renewal != null) {
            renewalsDone = CompletableFuture.allOf(renewalsDone, renewal.stop());
            renewal = null;
        }
    }

    private void grant() {
        if (closed) {
            return;
        }
        client.getLeaseClient()
                .grant(ttlSeconds)
                .whenComplete((granted, error) -> tasks.run(() -> {
                    if (closed) {
                        if (granted != null) {
                            client.getLeaseClient().revoke(granted.getID());
                        }
                        return;
                    }
                    if (error != null) {
                        long delay = backoff.nextMillis();
                        log.debug("Granting the coordination's lease failed; retrying in {} ms", delay, error);
                        tasks.schedule(this::grant, delay);
                        return;
                    }
                    backoff.reset();
                    leaseId = granted.getID();
                    renewal = new LeaseRenewal(client, leaseId, ttlSeconds, tasks, new Renewals(leaseId));
                    renewedAtNanos = System.nanoTime();
                    healthy = true;
                    current.complete(leaseId);
                    log.debug("Coordination lease {} granted, TTL {} s", Long.toHexString(leaseId), granted.getTTL());
                    listener.granted(leaseId);
                }));
    }

    private void interrupt(String reason) {
        if (closed) {
            return;
        }
        epoch++;
        boolean was = healthy;
        healthy = false;
        if (was) {
            listener.interrupted(reason);
        }
    }

    private void lost(long lease, String why) {
        if (closed || lease != leaseId) {
            return;
        }
        interrupt("the lease is lost (" + why + ")");
        log.warn("The coordination's lease {} is lost ({}); granting a new one", Long.toHexString(lease), why);
        stopRenewal();
        leaseId = 0;
        current = new CompletableFuture<>();
        published = current;
        grant();
    }

    private void restore() {
        if (!healthy && !closed) {
            healthy = true;
            log.info("The coordination's lease {} is renewed again", Long.toHexString(leaseId));
            listener.restored();
        }
    }

    /** What the lease's renewal says, on the events thread. */
    private final class Renewals implements LeaseRenewal.Listener {
        private final long lease;

        Renewals(long lease) {
            this.lease = lease;
        }

        @Override
        public void renewed() {
            if (lease == leaseId) {
                renewedAtNanos = System.nanoTime();
                restore();
            }
        }

        @Override
        public void failed(Throwable error) {
            if (lease == leaseId) {
                interrupt("renewing the lease failed: " + error);
            }
        }

        @Override
        public void lost(String why) {
            Session.this.lost(lease, why);
        }
    }
}
