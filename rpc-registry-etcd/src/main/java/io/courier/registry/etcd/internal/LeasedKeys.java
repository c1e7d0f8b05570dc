package io.courier.registry.etcd.internal;

import io.courier.registry.etcd.internal.client.Backoff;
import io.courier.registry.etcd.internal.client.ConnectionWatch;
import io.courier.registry.etcd.internal.client.LeaseRenewal;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's registrations: keys attached to one lease that is kept alive while the registry is
 * open, so that they vanish {@code ttlSeconds} after the process stops renewing it (a crash, a
 * partition), and at once when it closes (the lease is revoked).
 *
 * <p>Each key is written until etcd has acknowledged its wanted value under the current lease, one
 * write in flight per key (so two writes of one key cannot be reordered), retried with backoff. When
 * the lease is lost (etcd says it is gone, or no renewal succeeded within its TTL) a new one is
 * granted and every key written again under it.
 *
 * <p>Thread-safe: every change of state runs on {@code executor}, a single thread; jetcd's callbacks
 * are handed to it.
 */
public final class LeasedKeys {

    private static final Logger log = LoggerFactory.getLogger(LeasedKeys.class);

    private final Client client;
    private final long ttlSeconds;
    private final ScheduledExecutorService executor;
    private final QuietTasks tasks;
    private final ConnectionWatch connection;
    // confined to executor
    private final Map<String, Entry> entries = new HashMap<>();
    private final Backoff leaseBackoff = new Backoff();
    private long leaseId; // 0 while there is none
    private LeaseRenewal renewal;
    // every renewal stopped so far has finished writing: the client may close
    private volatile CompletableFuture<Void> renewalsDone = CompletableFuture.completedFuture(null);
    private boolean closed;
    private volatile boolean renewing;

    private static final class Entry {
        byte[] wanted; // null: delete
        byte[] written; // what etcd has, as far as we know; null: absent
        long writtenLease;
        boolean inFlight;
        final Backoff backoff = new Backoff();
        CompletableFuture<Void> confirmation = new CompletableFuture<>();
    }

    /**
     * @param connectionKey a key nobody writes, watched to learn at once that the connection broke
     * @param executor a single-thread executor this object uses; the caller shuts it down after {@link #close}
     */
    public LeasedKeys(Client client, long ttlSeconds, String connectionKey, ScheduledExecutorService executor) {
        this.client = client;
        this.ttlSeconds = ttlSeconds;
        this.executor = executor;
        this.tasks = new QuietTasks(executor);
        tasks.run(this::grantLease);
        this.connection = new ConnectionWatch(client, connectionKey, () -> tasks.run(this::connectionBroken));
    }

    /** Not renewing until a renewal, started now, says etcd is back. */
    private void connectionBroken() {
        if (!closed && renewal != null) {
            renewing = false;
            renewal.renewNow();
        }
    }

    /** Writes {@code key} with {@code value} under the lease, now and after every lease loss. */
    public void put(String key, byte[] value) {
        byte[] copy = value.clone();
        tasks.run(() -> {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry());
            if (entry.confirmation.isDone() && !Arrays.equals(entry.wanted, copy)) {
                entry.confirmation = new CompletableFuture<>();
            }
            entry.wanted = copy;
            sync(key);
        });
    }

    /** Deletes {@code key}, if this object wrote it. */
    public void remove(String key) {
        tasks.run(() -> {
            Entry entry = entries.get(key);
            if (entry != null) {
                entry.wanted = null;
                sync(key);
            }
        });
    }

    /**
     * Completes once etcd has acknowledged the value last put for {@code key} under the current
     * lease; never exceptionally.
     */
    public CompletableFuture<Void> confirmation(String key) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        tasks.run(() -> {
            Entry entry = entries.get(key);
            if (entry != null && entry.wanted != null) {
                entry.confirmation.whenComplete((ok, e) -> result.complete(null));
            }
        });
        return result;
    }

    /** Whether the last renewal of the lease succeeded (and no error came since). */
    public boolean isRenewing() {
        return renewing;
    }

    /**
     * Revokes the lease, which deletes every key at once, waiting at most {@code timeoutMillis}; then
     * stops. Keys left by a failed revoke expire with the lease.
     */
    public void close(long timeoutMillis) {
        stop().thenCompose(lease -> lease == 0
                        ? CompletableFuture.completedFuture(null)
                        : client.getLeaseClient().revoke(lease).thenApply(r -> null))
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    log.warn("Revoking the registry's lease failed; its keys expire within {} s", ttlSeconds, e);
                    return null;
                })
                .join();
        awaitRenewals(timeoutMillis);
    }

    /**
     * Stops renewing and writing, leaving the keys to expire with the lease, as a crash would; waits
     * at most {@code timeoutMillis} for a renewal in flight to finish writing.
     */
    public void abandon(long timeoutMillis) {
        stop().exceptionally(e -> 0L).join();
        awaitRenewals(timeoutMillis);
    }

    /** The client is closed after this: a renewal still writing then would leak its buffer in gRPC. */
    private void awaitRenewals(long timeoutMillis) {
        // read after stop() has run on the executor, and nothing changes it once closed
        renewalsDone
                .copy()
                .completeOnTimeout(null, timeoutMillis, TimeUnit.MILLISECONDS)
                .join();
    }

    private CompletableFuture<Long> stop() {
        connection.close();
        CompletableFuture<Long> lease = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                closed = true;
                renewing = false;
                stopRenewal();
                lease.complete(leaseId);
            });
        } catch (RejectedExecutionException e) {
            lease.complete(0L);
        }
        return lease;
    }

    private void stopRenewal() {
        if (renewal != null) {
            renewalsDone = CompletableFuture.allOf(renewalsDone, renewal.stop());
            renewal = null;
        }
    }

    private void grantLease() {
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
                        long delay = leaseBackoff.nextMillis();
                        log.debug("Granting a lease failed; retrying in {} ms", delay, error);
                        tasks.schedule(this::grantLease, delay);
                        return;
                    }
                    leaseBackoff.reset();
                    leaseId = granted.getID();
                    // etcd has just answered: the registry is connected before the first renewal
                    // (a third of the TTL away) says so again
                    renewing = true;
                    log.debug("Lease {} granted, TTL {} s", Long.toHexString(leaseId), granted.getTTL());
                    renewal = new LeaseRenewal(client, leaseId, ttlSeconds, tasks, new Renewals(leaseId));
                    List.copyOf(entries.keySet()).forEach(this::sync);
                }));
    }

    /** What the lease's renewal says, on the executor. */
    private final class Renewals implements LeaseRenewal.Listener {
        private final long lease;

        Renewals(long lease) {
            this.lease = lease;
        }

        @Override
        public void renewed() {
            renewing = true;
        }

        @Override
        public void failed(Throwable error) {
            // the renewal retries with backoff, so isRenewing (the registry's health) comes back as
            // soon as etcd does
            renewing = false;
            log.debug("Renewing lease {} failed; retrying", Long.toHexString(lease), error);
        }

        @Override
        public void lost(String why) {
            renewing = false;
            leaseLost(lease, why);
        }
    }

    private void leaseLost(long lease, String why) {
        if (closed || lease != leaseId) {
            return;
        }
        log.warn(
                "The registry's lease {} is lost ({}); granting a new one and writing {} keys again",
                Long.toHexString(lease),
                why,
                entries.size());
        stopRenewal();
        leaseId = 0;
        for (Entry entry : entries.values()) {
            if (entry.confirmation.isDone()) {
                entry.confirmation = new CompletableFuture<>();
            }
        }
        grantLease();
    }

    private void sync(String key) {
        Entry entry = entries.get(key);
        if (closed || entry == null || entry.inFlight) {
            return;
        }
        byte[] wanted = entry.wanted;
        long lease = leaseId;
        if (wanted == null && entry.written == null) {
            entries.remove(key);
            return;
        }
        if (wanted == null && putPending()) {
            // A delete waits for the puts asked before it: each key retries on its own backoff, so after
            // an outage the delete of an old instance could land before the put of its replacement and
            // consumers would see a list with neither. The last put to land syncs the waiting deletes.
            return;
        }
        if (wanted != null && (lease == 0 || (Arrays.equals(wanted, entry.written) && entry.writtenLease == lease))) {
            return; // waits for a lease, or is done
        }
        entry.inFlight = true;
        ByteSequence etcdKey = ByteSequence.from(key, StandardCharsets.UTF_8);
        CompletableFuture<?> write = wanted == null
                ? client.getKVClient().delete(etcdKey)
                : client.getKVClient()
                        .put(
                                etcdKey,
                                ByteSequence.from(wanted),
                                PutOption.builder().withLeaseId(lease).build());
        write.whenComplete((response, error) -> tasks.run(() -> {
            entry.inFlight = false;
            if (error != null) {
                long delay = entry.backoff.nextMillis();
                log.debug("Writing {} failed; retrying in {} ms", key, delay, error);
                tasks.schedule(() -> sync(key), delay);
                return;
            }
            entry.backoff.reset();
            entry.written = wanted;
            entry.writtenLease = lease;
            if (wanted != null && lease == leaseId && Arrays.equals(wanted, entry.wanted)) {
                entry.confirmation.complete(null);
            }
            sync(key);
            if (wanted != null && !putPending()) {
                List.copyOf(entries.keySet()).forEach(this::sync); // the deletes that waited for this put
            }
        }));
    }

    /** Whether a key still waits for its value to be written under the current lease. */
    private boolean putPending() {
        for (Entry entry : entries.values()) {
            if (entry.wanted != null
                    && (entry.inFlight
                            || leaseId == 0
                            || entry.writtenLease != leaseId
                            || !Arrays.equals(entry.wanted, entry.written))) {
                return true;
            }
        }
        return false;
    }
}
