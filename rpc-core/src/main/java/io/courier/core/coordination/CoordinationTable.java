package io.courier.core.coordination;

import io.courier.api.coordination.CoordinationNames;
import io.courier.api.coordination.DistributedLock;
import io.courier.api.coordination.DistributedReadWriteLock;
import io.courier.api.coordination.DistributedSemaphore;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.api.internal.Arguments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a registry's {@link io.courier.api.coordination.Coordination} keeps the same way on every
 * backend: the locks, read/write locks and semaphores it handed out (one per name, the name checked
 * first), its elections, the grants it made and has not seen end, and the order of its close (every
 * election left, every holder told, every grant invalidated, the listeners' thread drained). The backend
 * makes the primitives and reports an interrupted connection. Thread-safe.
 *
 * @param <L> the backend's lock
 * @param <S> the backend's semaphore
 * @param <E> the backend's election
 */
public final class CoordinationTable<
        L extends DistributedLock & CoordinationTable.Held,
        S extends DistributedSemaphore & CoordinationTable.Held,
        E extends LeaderElection> {

    private static final Logger log = LoggerFactory.getLogger(CoordinationTable.class);

    /** A primitive whose holders in this process are told when the coordination closes. */
    public interface Held {
        /** The coordination is closing: invalidates every holder's grant in this process and lets go. */
        void releaseAllForClose();
    }

    /** A read/write lock: its two sides over one backend lock. */
    public record ReadWrite<L extends DistributedLock & Held>(String name, L read, L write)
            implements DistributedReadWriteLock {

        @Override
        public DistributedLock readLock() {
            return read;
        }

        @Override
        public DistributedLock writeLock() {
            return write;
        }

        void releaseAllForClose() {
            read.releaseAllForClose();
            write.releaseAllForClose();
        }
    }

    private final String base;
    private final Map<String, L> locks = new ConcurrentHashMap<>();
    private final Map<String, ReadWrite<L>> readWriteLocks = new ConcurrentHashMap<>();
    private final Map<String, S> semaphores = new ConcurrentHashMap<>();
    private final Set<E> elections = ConcurrentHashMap.newKeySet();
    private final Set<Grant> grants = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param base where the coordination's primitives live, for messages */
    public CoordinationTable(String base) {
        this.base = base;
    }

    /** The lock {@code name}, made by {@code make} when first asked for. */
    public L lock(String name, Function<String, L> make) {
        CoordinationNames.check("lock name", name);
        checkOpen();
        return locks.computeIfAbsent(name, make);
    }

    /** The read/write lock {@code name}, made by {@code make} when first asked for. */
    public ReadWrite<L> readWriteLock(String name, Function<String, ReadWrite<L>> make) {
        CoordinationNames.check("read/write lock name", name);
        checkOpen();
        return readWriteLocks.computeIfAbsent(name, make);
    }

    /**
     * The semaphore {@code name}, made by {@code make} when first asked for.
     *
     * @throws IllegalArgumentException if {@code maxLeases} is not positive, or not the one it was first
     *     asked for with
     */
    public S semaphore(String name, int maxLeases, Function<String, S> make) {
        CoordinationNames.check("semaphore name", name);
        Arguments.checkPositive(maxLeases, "maxLeases");
        checkOpen();
        S semaphore = semaphores.computeIfAbsent(name, make);
        if (semaphore.maxLeases() != maxLeases) {
            throw new IllegalArgumentException("maxLeases: " + maxLeases + " (expected: " + semaphore.maxLeases()
                    + ", as semaphore '" + name + "' was first asked for in this process)");
        }
        return semaphore;
    }

    /** Checks {@code group}, {@code listener} and that the coordination is open, before an election is made. */
    public void checkElection(String group, LeadershipListener listener) {
        CoordinationNames.check("election group", group);
        Objects.requireNonNull(listener, "listener");
        checkOpen();
    }

    public void addElection(E election) {
        elections.add(election);
    }

    public void forgetElection(E election) {
        elections.remove(election);
    }

    /** The elections joined and not left. */
    public Set<E> elections() {
        return elections;
    }

    /** Tracks {@code grant} until its holder releases it or it is invalidated. */
    public void addGrant(Grant grant) {
        grants.add(grant);
    }

    /** Stops tracking a grant that was released or has ended. */
    public void forgetGrant(Grant grant) {
        grants.remove(grant);
    }

    /** The connection was interrupted: invalidates every grant at once, with {@code reason}. */
    public void interrupted(String reason) {
        List<Grant> ended = new ArrayList<>(grants);
        grants.clear();
        ended.forEach(grant -> grant.invalidate(reason));
        if (!ended.isEmpty()) {
            log.warn("{}: {} lease(s) invalidated", reason, ended.size());
        }
    }

    /** @throws IllegalStateException once closed */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("coordination under " + base + " is closed");
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Marks the coordination closed.
     *
     * @return false if it already was (the caller's close has nothing more to do)
     */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /**
     * Leaves every election, tells every holder and invalidates every grant.
     *
     * @return how many elections were left
     */
    public int endAll() {
        List<E> left = new ArrayList<>(elections);
        left.forEach(LeaderElection::close);
        locks.values().forEach(Held::releaseAllForClose);
        readWriteLocks.values().forEach(ReadWrite::releaseAllForClose);
        semaphores.values().forEach(Held::releaseAllForClose);
        grants.forEach(grant -> grant.invalidate("the coordination closed"));
        grants.clear();
        return left.size();
    }

    /**
     * Lets the listeners' last calls ({@code lost()}, invalidations) run on {@code events}, at most 2 s,
     * then logs the close.
     */
    public void drain(ExecutorService events, int electionsLeft) {
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("Coordination listeners still running 2 s after close; abandoning them");
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.shutdownNow();
        }
        log.info("Coordination under {} closed: {} election(s) left, leases released", base, electionsLeft);
    }
}
