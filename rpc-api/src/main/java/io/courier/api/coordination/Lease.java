package io.courier.api.coordination;

/**
 * A held lock or semaphore permit. It stays {@link #isValid() valid} until it is closed or the
 * connection to the store is suspended or lost, whichever comes first; once invalid it never becomes
 * valid again, even if the connection comes back (another process may have been granted the same
 * lock meanwhile). An invalid lease must still be closed, to release what the store may still hold.
 *
 * <p>Thread-safe. {@link #close()} of a lock's lease must be called on the thread that acquired it;
 * a semaphore's lease may be closed from any thread.
 */
public interface Lease extends AutoCloseable {

    /** The name of the lock or semaphore. */
    String name();

    /**
     * Whether this lease is still held with certainty: not closed, and the connection to the store
     * has not been suspended or lost since it was granted. Cheap; check it before each step that
     * needs the lease.
     */
    boolean isValid();

    /**
     * A number that grows with every grant of the same lock: the creation transaction id
     * ({@code czxid}) of the lease's node in ZooKeeper, the create revision of its key in etcd, the
     * {@code leaseTransitions} of its Lease on Kubernetes. A resource that remembers the highest token
     * it has seen and refuses smaller ones cannot be changed by a holder whose lease ended without
     * it knowing (a long pause, a partition). Unchanged by closing.
     */
    long fencingToken();

    /**
     * Runs {@code callback} once, on the coordination's thread, when this lease becomes invalid for a
     * reason other than its own {@link #close()}; at once if it already is.
     *
     * @throws NullPointerException if {@code callback} is null
     */
    void onInvalidated(Runnable callback);

    /**
     * Releases the lease; idempotent. A failure to reach the store is logged, not thrown: the lease's
     * node then ends with the session.
     *
     * @throws IllegalMonitorStateException if a lock's lease is closed on another thread than the
     *     one that acquired it
     */
    @Override
    void close();
}
