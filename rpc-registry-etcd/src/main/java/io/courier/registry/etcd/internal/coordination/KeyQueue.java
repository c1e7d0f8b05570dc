package io.courier.registry.etcd.internal.coordination;

import static io.courier.registry.etcd.internal.coordination.EtcdCoordination.bytes;

import io.courier.api.coordination.CoordinationException;
import io.courier.api.internal.Arguments;
import io.courier.registry.etcd.internal.client.LeaseRenewal;
import io.courier.registry.etcd.internal.coordination.EtcdCoordination.Admission;
import io.courier.registry.etcd.internal.coordination.EtcdCoordination.Queued;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One acquisition's place in a queue of keys: the key put under the session's lease (again under the
 * next lease if that one expired meanwhile), then the wait until the admission grants it, woken by the
 * deletion of the key ahead. A key not granted is deleted.
 */
final class KeyQueue {

    /** The key put in the queue, its create revision (the fencing token) and the session epoch. */
    private record Placed(String key, long created, long epoch) {}

    private final EtcdCoordination coordination;
    private final Session session;
    private final Deletions deletions;

    KeyQueue(EtcdCoordination coordination, Session session, Deletions deletions) {
        this.coordination = coordination;
        this.session = session;
        this.deletions = deletions;
    }

    /**
     * Queues a new key {@code <prefix><kind><lease>-<n>} and waits until {@code admission} grants it,
     * at most {@code timeout}.
     */
    Queued queue(String prefix, String kind, Duration timeout, String what, Admission admission)
            throws InterruptedException, TimeoutException {
        long millis = Arguments.checkNotNegative(timeout, "timeout");
        coordination.checkOpen();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Placed placed = put(prefix, kind, deadline, millis, what);
        return awaitTurn(placed, prefix, deadline, millis, what, admission);
    }

    private Placed put(String prefix, String kind, long deadline, long millis, String what)
            throws InterruptedException, TimeoutException {
        long epoch;
        String key;
        long created;
        while (true) {
            long lease;
            try {
                lease = session.awaitLease(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (TimeoutException e) {
                throw new TimeoutException(what + " was not granted within " + millis + " ms (no lease from etcd)");
            }
            epoch = session.epoch();
            key = prefix + kind + Long.toHexString(lease) + "-" + coordination.nextSequence();
            try {
                created = coordination
                        .call(
                                what,
                                coordination
                                        .client()
                                        .getKVClient()
                                        .put(
                                                bytes(key),
                                                bytes(coordination.memberPrefix()),
                                                PutOption.builder()
                                                        .withLeaseId(lease)
                                                        .build()))
                        .getHeader()
                        .getRevision();
                break;
            } catch (CoordinationException e) {
                // the lease expired before its renewal reached etcd: queue again under the next one
                if (!LeaseRenewal.isLeaseNotFound(e) || deadline - System.nanoTime() <= 0) {
                    throw e;
                }
                session.replace(lease);
            }
        }
        return new Placed(key, created, epoch);
    }

    private Queued awaitTurn(Placed placed, String prefix, long deadline, long millis, String what, Admission admission)
            throws InterruptedException, TimeoutException {
        CompletableFuture<Void> wake = null;
        String waitingOn = null;
        try {
            while (true) {
                List<KeyValue> queue = coordination.queueOf(what, prefix);
                int ours = EtcdCoordination.indexOf(queue, placed.key());
                if (ours < 0) {
                    throw new CoordinationException(
                            what + " failed: its key vanished while queued (the lease ended)", null);
                }
                String blocker = admission.blocker(queue, ours);
                if (blocker == null) {
                    return new Queued(placed.key(), placed.created(), placed.epoch());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(what + " was not granted within " + millis + " ms");
                }
                coordination.checkOpen();
                if (wake == null || !blocker.equals(waitingOn)) {
                    if (wake != null) {
                        deletions.cancel(waitingOn, wake);
                    }
                    wake = deletions.next(blocker);
                    waitingOn = blocker;
                    continue; // look again: the blocker may have gone before the watch listened for it
                }
                try {
                    wake.get(
                            Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, Deletions.RECHECK_MILLIS),
                            TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // look again anyway, at least every RECHECK_MILLIS
                } catch (ExecutionException e) {
                    // a waiter is only ever completed normally
                }
                deletions.cancel(waitingOn, wake);
                wake = null;
            }
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            coordination.deleteQuietly(placed.key());
            throw e;
        } finally {
            if (wake != null) {
                deletions.cancel(waitingOn, wake);
            }
        }
    }
}
