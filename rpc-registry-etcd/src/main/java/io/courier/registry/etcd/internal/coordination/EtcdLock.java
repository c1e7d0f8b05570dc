package io.courier.registry.etcd.internal.coordination;

import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.Lease;
import io.courier.api.internal.Arguments;
import io.courier.api.internal.Grant;
import io.courier.api.internal.GrantLease;
import io.etcd.jetcd.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * A {@link DistributedLock} on a queue of keys ordered by create revision: a plain lock or the write
 * side of a read/write lock is held by the first key; the read side by a key with no write key before
 * it (but the calling thread's own). Reentrant: a thread that holds it gets another lease on the same
 * {@link Grant}, counted, without a new key.
 */
final class EtcdLock implements DistributedLock {

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
    private final Map<Thread, Holding> holdings = new ConcurrentHashMap<>();

    private static final class Holding {
        final Grant grant;
        final String key;
        int count; // touched by the holding thread only

        Holding(Grant grant, String key) {
            this.grant = grant;
            this.key = key;
        }
    }

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
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException, TimeoutException {
        Thread thread = Thread.currentThread();
        Holding holding = holdings.get(thread);
        if (holding == null) {
            EtcdCoordination.Queued queued =
                    coordination.queue(prefix, side.kind, timeout, "lock '" + display + "'", this::blocker);
            Grant grant;
            try {
                grant = coordination.grant(display, queued);
            } catch (RuntimeException e) {
                coordination.deleteQuietly(queued.key());
                throw e;
            }
            holding = new Holding(grant, queued.key());
            holdings.put(thread, holding);
        } else {
            Arguments.checkNotNegative(timeout, "timeout");
            coordination.checkOpen();
        }
        holding.count++;
        Holding held = holding;
        return new GrantLease(held.grant, () -> release(thread, held));
    }

    /** Runs on the acquiring thread: null if granted, else the key to wait for. */
    private String blocker(List<KeyValue> queue, int ours) {
        if (side != Side.READ) {
            return ours == 0 ? null : EtcdCoordination.key(queue.get(ours - 1));
        }
        Holding ownWrite = writeSide.holdings.get(Thread.currentThread());
        String writers = prefix + Side.WRITE.kind;
        for (int i = ours - 1; i >= 0; i--) {
            String key = EtcdCoordination.key(queue.get(i));
            if (key.startsWith(writers) && (ownWrite == null || !ownWrite.key.equals(key))) {
                return key;
            }
        }
        return null;
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holdings.containsKey(Thread.currentThread());
    }

    private void release(Thread owner, Holding holding) {
        if (Thread.currentThread() != owner) {
            throw new IllegalMonitorStateException("lease of lock '" + display + "' closed on "
                    + Thread.currentThread().getName() + " (expected: the acquiring thread, " + owner.getName() + ")");
        }
        if (--holding.count == 0) {
            holdings.remove(owner);
            coordination.release(holding.grant, holding.key);
        }
    }

    /** The coordination is closing: tells every holder in this process; the lease's revocation deletes the keys. */
    void releaseAllForClose() {
        for (Holding holding : holdings.values()) {
            holding.grant.invalidate("the coordination closed");
        }
        holdings.clear();
    }
}
