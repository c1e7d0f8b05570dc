package io.courier.registry.kubernetes.internal;

import io.courier.api.coordination.CoordinationException;
import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.Lease;
import io.courier.api.internal.Arguments;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import io.courier.core.coordination.LockHolders;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A reentrant lock on one Lease: each holding thread takes the Lease under a holder identity of its own
 * and renews it through {@link LeaseRenewals}; a waiting thread asks again every {@value #POLL_MILLIS} ms
 * until the Lease is free or expired. Thread-safe.
 */
final class LeaseLock implements DistributedLock, CoordinationTable.Held {

    static final long POLL_MILLIS = 25;

    private final String name;
    private final LeaseRecords records;
    private final LeaseRenewals renewals;
    private final CoordinationTable<LeaseLock, ?, LeaseElection> table;
    private final Supplier<String> holders;
    private final Executor events;
    private final LockHolders holding;

    LeaseLock(
            String name,
            LeaseRecords records,
            LeaseRenewals renewals,
            CoordinationTable<LeaseLock, ?, LeaseElection> table,
            Supplier<String> holders,
            Executor events) {
        this.name = name;
        this.records = records;
        this.renewals = renewals;
        this.table = table;
        this.holders = holders;
        this.events = events;
        this.holding = new LockHolders(name, this::released, () -> {});
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException, TimeoutException {
        long millis = Arguments.checkNotNegative(timeout, "timeout");
        table.checkOpen();
        Lease again = holding.reenter();
        if (again != null) {
            return again;
        }
        String holder = holders.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            LeaseTerm term = take(holder);
            if (term != null) {
                Grant grant = new Grant(name, term.token(), events);
                table.addGrant(grant);
                renewals.add(grant, term);
                return holding.enter(grant, holder);
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TimeoutException("lock '" + name + "' was not granted within " + millis + " ms");
            }
            Thread.sleep(Math.min(POLL_MILLIS, left)); // the Lease is not watched: asked again, bounded by the deadline
        }
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holding.isHeldByCurrentThread();
    }

    @Override
    public void releaseAllForClose() {
        holding.releaseAllForClose(renewals::release);
    }

    private LeaseTerm take(String holder) {
        try {
            return records.take(LeaseRecords.LOCK, name, holder);
        } catch (KubernetesClientException e) {
            throw new CoordinationException(
                    "lock '" + name + "': the Kubernetes API server failed or could not be reached", e);
        }
    }

    private void released(Grant grant, String holder) {
        grant.release();
        table.forgetGrant(grant);
        renewals.release(holder);
    }
}
