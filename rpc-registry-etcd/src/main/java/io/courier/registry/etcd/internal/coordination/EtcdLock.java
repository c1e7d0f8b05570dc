package io.courier.registry.etcd.internal.coordination;

import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.Lease;
import io.courier.api.internal.Arguments;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import io.courier.core.coordination.LockHolders;
import io.etcd.jetcd.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A {@link DistributedLock} on a queue of keys ordered by create revision: a plain lock or the write
 * side of a read/write lock is held by the first key; the read side by a key with no write key before
 * it (but the calling thread's own). Reentrant: a thread that holds it gets another lease on the same
 * {@link Grant}, counted, without a new key.
 */
final class EtcdLock implements DistributedLock, CoordinationTable.Held {

    /** Which lock a key is: its name begins with the kind. */
    enum Side {
        MUTEX(""),
        READ("read-"),
        WRITE("write-");

        final String kind;

        Side(String kind) {
            this.kind = kind;
        }
    }

    private final String name;
    private final String display;
    private final String prefix;
    private final Side side;
    private final EtcdLock writeSide; // the read side's writer, else null
    private final EtcdCoordination coordination;
    private final LockHolders holders;

    /**
     * @param name the lock's name
     * @param display the name its leases and messages carry, e.g. {@code catalog (read)}
     */
    EtcdLock(String name, String display, String prefix, Side side, EtcdLock writeSide, EtcdCoordination coordination) {
        this.name = name;
        this.display = display;
        this.prefix = prefix;
        this.side = side;
        this.writeSide = writeSide;
        this.coordination = coordination;
        this.holders = new LockHolders(display, coordination::release, () -> {});
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException, TimeoutException {
        if (holders.isHeldByCurrentThread()) {
            Arguments.checkNotNegative(timeout, "timeout");
            coordination.checkOpen();
            return holders.reenter();
        }
        EtcdCoordination.Queued queued =
                coordination.queue(prefix, side.kind, timeout, "lock '" + display + "'", this::blocker);
        Grant grant;
        try {
            grant = coordination.grant(display, queued);
        } catch (RuntimeException e) {
            coordination.deleteQuietly(queued.key());
            throw e;
        }
        return holders.enter(grant, queued.key());
    }

    /** Runs on the acquiring thread: null if granted, else the key to wait for. */
    private String blocker(List<KeyValue> queue, int ours) {
        if (side != Side.READ) {
            return ours == 0 ? null : EtcdCoordination.key(queue.get(ours - 1));
        }
        String ownWrite = writeSide.holders.nodeOfCurrentThread();
        String writers = prefix + Side.WRITE.kind;
        for (int i = ours - 1; i >= 0; i--) {
            String key = EtcdCoordination.key(queue.get(i));
            if (key.startsWith(writers) && !key.equals(ownWrite)) {
                return key;
            }
        }
        return null;
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holders.isHeldByCurrentThread();
    }

    /** The coordination is closing: tells every holder in this process; the lease's revocation deletes the keys. */
    @Override
    public void releaseAllForClose() {
        holders.releaseAllForClose(key -> {});
    }
}
