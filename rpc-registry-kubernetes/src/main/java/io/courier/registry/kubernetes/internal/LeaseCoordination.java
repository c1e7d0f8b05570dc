package io.courier.registry.kubernetes.internal;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.CoordinationNames;
import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.DistributedReadWriteLock;
import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.api.internal.Arguments;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coordination on {@code coordination.k8s.io} Leases ({@link LeaseRecords}): reentrant locks ({@link
 * LeaseLock}) and leader election ({@link LeaseElection}), with the Lease's {@code leaseTransitions} as
 * the fencing token. A Lease holds one holder, so read/write locks and semaphores are refused in words.
 * Held Leases are renewed every third of the registry's session timeout (the Leases' duration); a
 * renewal that fails ends every lease and leadership at once. Thread-safe.
 */
public final class LeaseCoordination implements Coordination {

    private final String id = UUID.randomUUID().toString();
    private final AtomicLong holders = new AtomicLong();
    private final LeaseRecords records;
    private final CoordinationTable<LeaseLock, ?, LeaseElection> table;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService events;
    private final LeaseRenewals renewals;

    /**
     * @param name the prefix of the coordination's threads
     * @param sessionTimeoutMillis the Leases' duration (rounded up to whole seconds, as a Lease keeps it)
     */
    public LeaseCoordination(
            KubernetesClient client, String namespace, SliceLayout layout, long sessionTimeoutMillis, String name) {
        int durationSeconds = (int) Math.max(1, (sessionTimeoutMillis + 999) / 1000);
        this.records = new LeaseRecords(client, namespace, layout.root(), durationSeconds);
        this.table = new CoordinationTable<>("namespace " + namespace + ", root " + layout.root());
        this.scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreads(name + "-coordination"));
        this.events = Executors.newSingleThreadExecutor(new DaemonThreads(name + "-coordination-events"));
        this.renewals = new LeaseRenewals(records, table::interrupted);
        long renewMillis = Math.max(100, sessionTimeoutMillis / 3);
        scheduler.scheduleWithFixedDelay(renewals::renewAll, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    }

    /** The holder identities this coordination writes start with this id. */
    public String id() {
        return id;
    }

    @Override
    public DistributedLock lock(String name) {
        return table.lock(name, checked -> new LeaseLock(checked, records, renewals, table, this::nextHolder, events));
    }

    /** Refused: a Lease holds one holder, and many readers need many. */
    @Override
    public DistributedReadWriteLock readWriteLock(String name) {
        CoordinationNames.check("read/write lock name", name);
        table.checkOpen();
        throw refused("read/write locks", name);
    }

    /** Refused: a Lease holds one holder, and a semaphore's leases need one each. */
    @Override
    public DistributedSemaphore semaphore(String name, int maxLeases) {
        CoordinationNames.check("semaphore name", name);
        Arguments.checkPositive(maxLeases, "maxLeases");
        table.checkOpen();
        throw refused("semaphores", name);
    }

    @Override
    public LeaderElection joinElection(String group, LeadershipListener listener) {
        table.checkElection(group, listener);
        LeaseElection election = new LeaseElection(
                group,
                nextHolder(),
                records,
                new Leadership(group, listener),
                scheduler,
                events,
                table::forgetElection);
        table.addElection(election);
        election.start();
        return election;
    }

    @Override
    public void close() {
        if (!table.close()) {
            return;
        }
        int left = table.endAll(); // leaves elections and clears the held Leases' holders
        scheduler.shutdownNow();
        table.drain(events, left);
    }

    /** Stops as a crashed process does: no Lease released or renewed any more; they expire. For tests. */
    public void abandon() {
        table.close();
        scheduler.shutdownNow();
        events.shutdownNow();
    }

    private String nextHolder() {
        return id + "-" + holders.incrementAndGet();
    }

    private static UnsupportedOperationException refused(String what, String name) {
        return new UnsupportedOperationException(what + " are not offered by the kubernetes registry ('" + name
                + "'): a coordination.k8s.io Lease has one holder; locks and leader election are offered."
                + " Use the etcd or ZooKeeper registry for them (docs/coordination.md)");
    }
}
