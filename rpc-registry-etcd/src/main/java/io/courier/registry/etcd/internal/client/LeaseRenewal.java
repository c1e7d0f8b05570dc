package io.courier.registry.etcd.internal.client;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one lease alive: renews it a third of its TTL after each renewal, one renewal at a time,
 * each started on the owner's single thread, a failed one retried with backoff.
 *
 * <p>Why not jetcd's {@code Lease.keepAlive}: it writes its renewals from a Vert.x timer thread,
 * which can be in the middle of a write when the owner closes the client. gRPC does not release a
 * message being framed on one thread while another shuts its channel down, so Netty's leak detector
 * reported a buffer now and then. Here every renewal is started by the owner, and {@link #stop}
 * says when the last one has finished writing, so that the client is closed only after it.
 *
 * <p>Not thread-safe: its methods run on the owner's executor, to which the listener's calls are
 * handed too.
 */
public final class LeaseRenewal {

    /** What the owner hears, on its executor. */
    public interface Listener {
        /** etcd renewed the lease. */
        void renewed();

        /** A renewal failed (the connection broke, etcd is down); the next one follows with backoff. */
        void failed(Throwable error);

        /**
         * The lease is gone: etcd no longer knows it, or no renewal succeeded within its TTL. The
         * renewal stops.
         */
        void lost(String why);
    }

    private final Client client;
    private final long leaseId;
    private final long ttlMillis;
    private final QuietTasks tasks;
    private final Listener listener;
    private final Backoff backoff = new Backoff();
    // confined to the owner's executor
    private final List<CompletableFuture<?>> unfinished = new ArrayList<>();
    private long renewedAtNanos;
    private long attempt; // the renewal whose answer counts; a later one supersedes it
    private long plan; // the scheduled renewal that still counts; starting one cancels the others
    private boolean stopped;

    /** Starts renewing {@code leaseId}, which etcd has just granted; call on the owner's executor. */
    public LeaseRenewal(Client client, long leaseId, long ttlSeconds, QuietTasks tasks, Listener listener) {
        this.client = client;
        this.leaseId = leaseId;
        this.ttlMillis = TimeUnit.SECONDS.toMillis(ttlSeconds);
        this.tasks = tasks;
        this.listener = listener;
        this.renewedAtNanos = System.nanoTime();
        schedule(ttlMillis / 3);
    }

    /** Renews now rather than when planned: the connection broke, and the owner wants to know when it is back. */
    public void renewNow() {
        renew();
    }

    /**
     * Starts no further renewal. Completes (never exceptionally) once every renewal already started
     * has finished writing; one etcd never answers keeps it open until the client is closed.
     */
    public CompletableFuture<Void> stop() {
        stopped = true;
        return CompletableFuture.allOf(
                        unfinished.stream().map(f -> f.handle((r, e) -> null)).toArray(CompletableFuture[]::new))
                .thenApply(v -> null);
    }

    private void schedule(long delayMillis) {
        long planned = plan;
        tasks.schedule(
                () -> {
                    if (planned == plan) {
                        renew();
                    }
                },
                delayMillis);
    }

    private void renew() {
        plan++;
        if (stopped) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - renewedAtNanos);
        if (silentMillis > ttlMillis) {
            stopped = true;
            listener.lost("not renewed within its TTL");
            return;
        }
        long thisAttempt = ++attempt;
        // keepAliveOnce's future completes after its stream's last write (the half-close)
        CompletableFuture<LeaseKeepAliveResponse> renewal =
                client.getLeaseClient().keepAliveOnce(leaseId);
        unfinished.add(renewal);
        renewal.whenComplete((response, error) -> tasks.run(() -> unfinished.remove(renewal)));
        renewal.copy()
                .orTimeout(Math.max(1, ttlMillis / 3), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> tasks.run(() -> {
                    if (stopped || thisAttempt != attempt) {
                        return;
                    }
                    answered(response, error);
                }));
    }

    private void answered(LeaseKeepAliveResponse response, Throwable error) {
        if (error == null && response.getTTL() > 0) {
            renewedAtNanos = System.nanoTime();
            backoff.reset();
            listener.renewed();
            schedule(ttlMillis / 3);
        } else if (error == null || isLeaseNotFound(error)) {
            stopped = true;
            listener.lost("etcd no longer knows it");
        } else if (unwrap(error) instanceof TimeoutException) {
            // etcd is slow or silent: try again now; only the TTL passing without a renewal loses it
            renew();
        } else {
            listener.failed(error);
            schedule(backoff.nextMillis());
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof TimeoutException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Whether {@code error} says etcd does not know the lease (it expired or was revoked). */
    public static boolean isLeaseNotFound(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("lease not found")) {
                return true;
            }
        }
        return false;
    }
}
