package io.courier.registry.zookeeper;

import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.CoordinationException;
import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.DistributedReadWriteLock;
import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.api.internal.Arguments;
import io.courier.core.coordination.CoordinationTable;
import io.courier.core.coordination.Grant;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessReadWriteLock;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Coordination} on the registry's Curator client, with Curator's recipes under
 * {@code <root>/_coordination}:
 *
 * <pre>
 * &lt;root&gt;/_coordination/locks/&lt;name&gt;        InterProcessMutex
 * &lt;root&gt;/_coordination/rwlocks/&lt;name&gt;      InterProcessReadWriteLock
 * &lt;root&gt;/_coordination/semaphores/&lt;name&gt;   InterProcessSemaphoreV2
 * &lt;root&gt;/_coordination/leaders/&lt;group&gt;     LeaderLatch
 * </pre>
 *
 * A suspended or lost connection invalidates every grant at once (on Curator's connection-state
 * thread), and a grant that was granted around such an event is invalidated as soon as it is known.
 * Listeners and callbacks run on one thread of this coordination. Thread-safe.
 */
final class ZooKeeperCoordination implements Coordination {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperCoordination.class);
    private static final String DIRECTORY = "_coordination";

    private final CuratorFramework client;
    private final String base;
    /** {@code <host>:<pid>:<random>}: an election node's data names its member for operators. */
    private final String memberPrefix;

    private final AtomicLong members = new AtomicLong();
    private final ExecutorService events;
    private final ConnectionStateListener stateListener = this::onStateChange;
    private final CoordinationTable<ZooKeeperLock, ZooKeeperSemaphore, ZooKeeperElection> table;
    /** Counts suspensions and losses, so that a grant racing with one is caught. */
    private final AtomicLong interruptions = new AtomicLong();

    /** @param root the registry's root, {@code /} or an absolute path without a trailing slash */
    ZooKeeperCoordination(CuratorFramework client, String root, String memberPrefix, String threadName) {
        this.client = client;
        this.memberPrefix = memberPrefix;
        this.base = (root.equals("/") ? "" : root) + "/" + DIRECTORY;
        this.table = new CoordinationTable<>(base);
        this.events = Executors.newSingleThreadExecutor(new RegistryThreads(threadName));
        client.getConnectionStateListenable().addListener(stateListener);
    }

    /** The path under which every primitive lives. */
    String base() {
        return base;
    }

    @Override
    public DistributedLock lock(String name) {
        return table.lock(name, n -> ZooKeeperLock.mutex(n, client, base + "/locks/" + n, this));
    }

    @Override
    public DistributedReadWriteLock readWriteLock(String name) {
        return table.readWriteLock(name, n -> {
            InterProcessReadWriteLock lock = new InterProcessReadWriteLock(client, base + "/rwlocks/" + n);
            return new CoordinationTable.ReadWrite<>(
                    n,
                    new ZooKeeperLock(n + " (read)", lock.readLock(), lock.readLock()::getLockPath, this),
                    new ZooKeeperLock(n + " (write)", lock.writeLock(), lock.writeLock()::getLockPath, this));
        });
    }

    @Override
    public DistributedSemaphore semaphore(String name, int maxLeases) {
        return table.semaphore(
                name, maxLeases, n -> new ZooKeeperSemaphore(n, maxLeases, client, base + "/semaphores/" + n, this));
    }

    @Override
    public LeaderElection joinElection(String group, LeadershipListener listener) {
        table.checkElection(group, listener);
        String member = memberPrefix + "-" + members.incrementAndGet();
        ZooKeeperElection election =
                new ZooKeeperElection(group, client, base + "/leaders/" + group, member, listener, this, events);
        table.addElection(election);
        try {
            election.start();
        } catch (RuntimeException e) {
            table.forgetElection(election);
            throw e;
        }
        return election;
    }

    @Override
    public void close() {
        if (!table.close()) {
            return;
        }
        client.getConnectionStateListenable().removeListener(stateListener);
        int left = table.endAll();
        table.drain(events, left); // the listeners' last calls (lost(), invalidations) still run
    }

    void checkOpen() {
        table.checkOpen();
    }

    /**
     * Records a grant of the node at {@code path}, its fencing token being the node's {@code czxid}.
     * A grant made while (or just before) the connection was interrupted is invalid from the start.
     *
     * @throws CoordinationException if the node cannot be read
     */
    Grant grant(String name, String path) {
        long before = interruptions.get();
        Grant grant = new Grant(name, token(path), events);
        table.addGrant(grant);
        if (interruptions.get() != before || !client.getZookeeperClient().isConnected() || !table.isOpen()) {
            grant.invalidate("the connection to ZooKeeper was interrupted while it was granted");
        }
        return grant;
    }

    /** Stops tracking a grant its holder released. */
    void forget(Grant grant) {
        table.forgetGrant(grant);
    }

    void forget(ZooKeeperElection election) {
        table.forgetElection(election);
    }

    /** The {@code czxid} of the node at {@code path}: a fencing token. */
    long token(String path) {
        try {
            Stat stat = client.checkExists().forPath(path);
            if (stat == null) {
                throw new CoordinationException("node " + path + " vanished right after it was granted", null);
            }
            return stat.getCzxid();
        } catch (CoordinationException e) {
            throw e;
        } catch (Exception e) {
            throw new CoordinationException("reading node " + path + " failed: " + e, e);
        }
    }

    void deleteQuietly(String path) {
        try {
            client.delete().guaranteed().forPath(path);
        } catch (Exception e) {
            log.debug("Deleting {} failed; the session's end removes it", path, e);
        }
    }

    /** A Curator wait: interruption passes through, any other failure becomes a {@link CoordinationException}. */
    interface Wait<T> {
        T await(long millis) throws Exception;
    }

    /**
     * Checks {@code timeout} and that this coordination is open, then waits through {@code wait}.
     *
     * @param what what is being acquired, for the message of a failure
     */
    <T> T await(Duration timeout, String what, Wait<T> wait) throws InterruptedException {
        long millis = Arguments.checkNotNegative(timeout, "timeout");
        checkOpen();
        try {
            return wait.await(millis);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new CoordinationException("acquiring " + what + " failed: " + e, e);
        }
    }

    private void onStateChange(CuratorFramework curator, ConnectionState state) {
        if (state != ConnectionState.SUSPENDED && state != ConnectionState.LOST) {
            return;
        }
        interruptions.incrementAndGet();
        table.interrupted("connection to ZooKeeper " + state);
    }
}
