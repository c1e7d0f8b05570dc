package io.courier.registry.zookeeper;

import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.Lease;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import io.courier.core.coordination.LockHolders;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DistributedLock} on a Curator {@link InterProcessMutex} (or one side of an {@code
 * InterProcessReadWriteLock}), which already counts a thread's reentrant acquisitions; this class adds
 * one {@link Grant} per holding thread, so that every lease of that thread shares its token and fate.
 */
final class ZooKeeperLock implements DistributedLock, CoordinationTable.Held {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperLock.class);

    private final String name;
    private final InterProcessMutex mutex;
    private final Supplier<String> lockPath;
    private final ZooKeeperCoordination coordination;
    private final LockHolders holders;

    ZooKeeperLock(String name, InterProcessMutex mutex, Supplier<String> lockPath, ZooKeeperCoordination coordination) {
        this.name = name;
        this.mutex = mutex;
        this.lockPath = lockPath;
        this.coordination = coordination;
        this.holders = new LockHolders(
                name,
                (grant, path) -> {
                    grant.release();
                    coordination.forget(grant);
                },
                this::releaseQuietly);
    }

    /** A plain reentrant lock at {@code path}. */
    static ZooKeeperLock mutex(String name, CuratorFramework client, String path, ZooKeeperCoordination coordination) {
        FencedMutex mutex = new FencedMutex(client, path);
        return new ZooKeeperLock(name, mutex, mutex::lockPath, coordination);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Lease acquire(Duration timeout) throws InterruptedException, TimeoutException {
        boolean acquired = coordination.await(
                timeout, "lock '" + name + "'", millis -> mutex.acquire(millis, TimeUnit.MILLISECONDS));
        if (!acquired) {
            throw new TimeoutException("lock '" + name + "' was not granted within " + timeout.toMillis() + " ms");
        }
        Lease again = holders.reenter();
        if (again != null) {
            return again;
        }
        String path = lockPath.get();
        Grant grant;
        try {
            grant = coordination.grant(name, path);
        } catch (RuntimeException e) {
            releaseQuietly();
            throw e;
        }
        return holders.enter(grant, path);
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holders.isHeldByCurrentThread();
    }

    private void releaseQuietly() {
        try {
            mutex.release();
        } catch (Exception e) {
            // Curator keeps deleting the node in the background; the session's end removes it too
            log.warn("Releasing lock '{}' did not reach ZooKeeper: {}", name, e.toString());
        }
    }

    /**
     * The coordination is closing: tells every holder in this process and deletes their lock nodes,
     * so that other processes need not wait for the session to end. A holder's later close only
     * clears Curator's bookkeeping.
     */
    @Override
    public void releaseAllForClose() {
        holders.releaseAllForClose(coordination::deleteQuietly);
    }

    /** Exposes the path of the calling thread's lock node, which Curator keeps protected. */
    private static final class FencedMutex extends InterProcessMutex {
        FencedMutex(CuratorFramework client, String path) {
            super(client, path);
        }

        String lockPath() {
            return getLockPath();
        }
    }
}
