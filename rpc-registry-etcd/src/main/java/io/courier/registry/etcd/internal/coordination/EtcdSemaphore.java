package io.courier.registry.etcd.internal.coordination;

import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.Lease;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import io.courier.core.coordination.GrantLease;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/** A {@link DistributedSemaphore} on a queue of keys ordered by create revision: the first {@code maxLeases} hold a permit. */
final class EtcdSemaphore implements DistributedSemaphore, CoordinationTable.Held {

    private final String name;
    private final int maxLeases;
    private final String prefix;
    private final EtcdCoordination coordination;
    private final Map<Grant, String> held = new ConcurrentHashMap<>();

    EtcdSemaphore(String name, int maxLeases, String prefix, EtcdCoordination coordination) {
        this.name = name;
        this.maxLeases = maxLeases;
        this.prefix = prefix;
        this.coordination = coordination;
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
        EtcdCoordination.Queued queued = coordination.queue(
                prefix,
                "",
                timeout,
                "a lease of semaphore '" + name + "'",
                (queue, ours) -> ours < maxLeases ? null : prefix);
        Grant grant;
        try {
            grant = coordination.grant(name, queued);
        } catch (RuntimeException e) {
            coordination.deleteQuietly(queued.key());
            throw e;
        }
        held.put(grant, queued.key());
        return new GrantLease(grant, () -> giveBack(grant));
    }

    private void giveBack(Grant grant) {
        String key = held.remove(grant);
        if (key != null) {
            coordination.release(grant, key);
        } else {
            grant.release();
        }
    }

    /** The coordination is closing: tells every holder; the lease's revocation deletes the keys. */
    @Override
    public void releaseAllForClose() {
        held.keySet().forEach(grant -> grant.invalidate("the coordination closed"));
        held.clear();
    }
}
