package io.courier.registry.zookeeper;

import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.Lease;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import io.courier.core.coordination.GrantLease;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;

/** A {@link DistributedSemaphore} on Curator's {@link InterProcessSemaphoreV2}. */
final class ZooKeeperSemaphore implements DistributedSemaphore, CoordinationTable.Held {

    private final String name;
    private final int maxLeases;
    private final InterProcessSemaphoreV2 semaphore;
    private final ZooKeeperCoordination coordination;
    /** Where Curator keeps the lease nodes; a lease names only its node. */
    private final String leasesPath;

    private final Map<Grant, org.apache.curator.framework.recipes.locks.Lease> held = new ConcurrentHashMap<>();

    ZooKeeperSemaphore(
            String name, int maxLeases, CuratorFramework client, String path, ZooKeeperCoordination coordination) {
        this.name = name;
        this.maxLeases = maxLeases;
        this.semaphore = new InterProcessSemaphoreV2(client, path, maxLeases);
        this.coordination = coordination;
        this.leasesPath = path + "/leases/";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int maxLeases() {
        return maxLeases;
    }

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException, TimeoutException {
        org.apache.curator.framework.recipes.locks.Lease lease = coordination.await(
                timeout,
                "a lease of semaphore '" + name + "'",
                millis -> semaphore.acquire(millis, TimeUnit.MILLISECONDS));
        if (lease == null) {
            throw new TimeoutException(
                    "semaphore '" + name + "' granted no lease within " + timeout.toMillis() + " ms");
        }
        Grant grant;
        try {
            String node = lease.getNodeName();
            grant = coordination.grant(name, node.startsWith("/") ? node : leasesPath + node);
        } catch (RuntimeException e) {
            semaphore.returnLease(lease);
            throw e;
        }
        held.put(grant, lease);
        return new GrantLease(grant, () -> giveBack(grant));
    }

    private void giveBack(Grant grant) {
        grant.release();
        coordination.forget(grant);
        org.apache.curator.framework.recipes.locks.Lease lease = held.remove(grant);
        if (lease != null) {
            semaphore.returnLease(lease); // logs and swallows a failure; the session's end removes the node
        }
    }

    /** The coordination is closing: tells every holder and returns their leases. */
    @Override
    public void releaseAllForClose() {
        for (Map.Entry<Grant, org.apache.curator.framework.recipes.locks.Lease> entry : held.entrySet()) {
            entry.getKey().invalidate("the coordination closed");
            semaphore.returnLease(entry.getValue());
        }
        held.clear();
    }
}
