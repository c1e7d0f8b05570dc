package io.courier.api.coordination;

/**
 * Coordination primitives kept in the registry's store, sharing its connection and session: named
 * reentrant locks, read/write locks, semaphores, and leader election by group name.
 *
 * <p>Names are checked by {@link CoordinationNames#check}: 1 to 128 ASCII letters, digits, {@code .},
 * {@code _} or {@code -}, starting with a letter or digit. Each kind of primitive has its own name
 * space; the ZooKeeper and etcd registries keep them under {@code <root>/_coordination/<kind>/<name>}.
 *
 * <p>Safety: a lease (a held lock or semaphore permit) and a leadership end at once, visibly to
 * their holder (a callback and a check method), when the connection to the store is suspended or
 * the session is lost, because another process may then be granted the same thing. Work that must
 * never overlap should also pass the {@link Lease#fencingToken() fencing token} to the resource it
 * changes; see {@code docs/coordination.md} for what holds across a partition.
 *
 * <p>Thread-safety: every method may be called from any thread. Listeners and callbacks run on the
 * coordination's own thread, one at a time in the order of events; they should return quickly.
 *
 * <p>Ownership: the registry that made it owns it. {@link #close()} releases every lease and
 * leadership obtained through it (their holders are told) and is called by its owner: by a Courier
 * application during its graceful shutdown (after its calls drained, before the registry closes), and
 * by the registry before it closes its session.
 * Application code does not need to call it. Calls after it throw {@link IllegalStateException}.
 */
public interface Coordination extends AutoCloseable {

    /**
     * The reentrant lock {@code name}: one holder in the whole estate at a time; the holding thread
     * may acquire it again (each acquisition is released by closing its lease).
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming the value and the rule if {@code name} is invalid
     * @throws IllegalStateException if this coordination is closed
     */
    DistributedLock lock(String name);

    /**
     * The read/write lock {@code name}: many readers or one writer; a writer may also take the read
     * lock. Its read and write locks are reentrant, like {@link #lock(String)}'s.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming the value and the rule if {@code name} is invalid
     * @throws IllegalStateException if this coordination is closed
     */
    DistributedReadWriteLock readWriteLock(String name);

    /**
     * The semaphore {@code name} with {@code maxLeases} permits. Every process using the same name
     * must give the same {@code maxLeases}; the store does not check it.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming the value and the rule if {@code name} is invalid or
     *     {@code maxLeases} is not positive
     * @throws IllegalStateException if this coordination is closed
     */
    DistributedSemaphore semaphore(String name, int maxLeases);

    /**
     * Joins the leader election of {@code group}: of all processes that joined it, at most one leads
     * at a time. Returns at once; {@code listener} hears {@link LeadershipListener#gained} when this
     * process becomes leader and {@link LeadershipListener#lost} when it stops being leader (on a
     * connection suspension, a session loss, {@link LeaderElection#close()}, or this coordination's
     * close). After a lost connection comes back, the process competes again.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException naming the value and the rule if {@code group} is invalid
     * @throws IllegalStateException if this coordination is closed
     * @throws CoordinationException if the election could not be joined
     */
    LeaderElection joinElection(String group, LeadershipListener listener);

    /** Releases every lease and leadership obtained here, telling their holders. Idempotent. */
    @Override
    void close();
}
