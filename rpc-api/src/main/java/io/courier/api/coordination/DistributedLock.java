package io.courier.api.coordination;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A reentrant lock shared by every process of the registry's estate. Thread-bound like
 * {@link java.util.concurrent.locks.ReentrantLock}: the thread that acquired it holds it, may acquire
 * it again, and must close each {@link Lease} it got.
 *
 * <pre>{@code
 * try (Lease lease = coordination.lock("billing-run").acquire(Duration.ofSeconds(5))) {
 *     ledger.write(entry, lease.fencingToken());
 * }
 * }</pre>
 *
 * Thread-safe; one instance may be shared by many threads.
 */
public interface DistributedLock {

    /** The lock's name. */
    String name();

    /**
     * Waits up to {@code timeout} for the lock. A thread that already holds it gets it at once (the
     * returned lease shares the first one's validity and token).
     *
     * @return the lease; closing it releases this acquisition, on the acquiring thread
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutException if the lock was not granted within {@code timeout}
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws CoordinationException if the store failed or could not be reached
     * @throws IllegalStateException if the coordination is closed
     */
    Lease acquire(Duration timeout) throws InterruptedException, TimeoutException;

    /** Whether the calling thread holds this lock (whether or not its lease is still valid). */
    boolean isHeldByCurrentThread();
}
