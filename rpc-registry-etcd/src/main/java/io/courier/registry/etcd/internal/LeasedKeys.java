package io.courier.registry.etcd.internal;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
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
    // confined to executor
    private final Map<String, Entry> entries = new HashMap<>();
    private final Backoff leaseBackoff = new Backoff();
    private long leaseId; // 0 while there is none
    private CloseableClient keepAlive;
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

    /** @param executor a single-thread executor this object uses; the caller shuts it down after {@link #close} */
    public LeasedKeys(Client client, long ttlSeconds, ScheduledExecutorService executor) {
        this.client = client;
        this.ttlSeconds = ttlSeconds;
        this.executor = executor;
        this.tasks = new QuietTasks(executor);
        tasks.run(this::grantLease);
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
    }

    /** Stops renewing and writing, leaving the keys to expire with the lease, as a crash would. */
    public void abandon() {
        stop().exceptionally(e -> 0L).join();
    }

    private CompletableFuture<Long> stop() {
        CompletableFuture<Long> lease = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                closed = true;
                renewing = false;
                if (keepAlive != null) {
                    keepAlive.close();
                }
                lease.complete(leaseId);
            });
        } catch (RejectedExecutionException e) {
            lease.complete(0L);
        }
        return lease;
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
                    keepAlive = client.getLeaseClient().keepAlive(leaseId, new Renewals(leaseId));
                    List.copyOf(entries.keySet()).forEach(this::sync);
                }));
    }

    /** The lease's renewals, from jetcd's threads. */
    private final class Renewals implements StreamObserver<LeaseKeepAliveResponse> {
        private final long lease;

        Renewals(long lease) {
            this.lease = lease;
        }

        @Override
        public void onNext(LeaseKeepAliveResponse response) {
            renewing = true;
        }

        @Override
        public void onError(Throwable error) {
            renewing = false;
            // jetcd keeps renewing after a broken stream; only a lease etcd no longer knows is lost
            if (isLeaseNotFound(error)) {
                tasks.run(() -> leaseLost(lease, "etcd no longer knows it"));
            } else {
                // jetcd's next renewal may be a third of the TTL away: probe sooner, so that
                // isRenewing (the registry's health) comes back as soon as etcd does
                log.debug("Renewing lease {} failed; probing until etcd answers", Long.toHexString(lease), error);
                tasks.run(() -> probe(lease, new Backoff()));
            }
        }

        @Override
        public void onCompleted() {
            // jetcd completes a keep-alive whose renewals have not succeeded within the TTL
            renewing = false;
            tasks.run(() -> leaseLost(lease, "not renewed within its TTL"));
        }
    }

    /** Renews {@code lease} once, retrying with backoff until etcd answers or the lease changes. */
    private void probe(long lease, Backoff backoff) {
        if (closed || lease != leaseId) {
            return;
        }
        client.getLeaseClient()
                .keepAliveOnce(lease)
                .whenComplete((response, error) -> tasks.run(() -> {
                    if (error == null) {
                        renewing = true;
                    } else if (isLeaseNotFound(error)) {
                        leaseLost(lease, "etcd no longer knows it");
                    } else if (!renewing) {
                        tasks.schedule(() -> probe(lease, backoff), backoff.nextMillis());
                    }
                }));
    }

    private static boolean isLeaseNotFound(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("lease not found")) {
                return true;
            }
        }
        return false;
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
        if (keepAlive != null) {
            keepAlive.close();
            keepAlive = null;
        }
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
