package io.courier.api.coordination;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A counting semaphore shared by every process of the registry's estate: at most {@link
 * #maxLeases()} leases are held at a time. Leases are not bound to a thread. Thread-safe.
 */
public interface DistributedSemaphore {

    /** The semaphore's name. */
    String name();

    /** How many leases may be held at once. */
    int maxLeases();

    /**
     * Waits up to {@code timeout} for a lease.
     *
     * @return the lease; closing it (from any thread) returns it
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws TimeoutException if no lease was granted within {@code timeout}
     * @throws InterruptedException if the thread was interrupted while waiting
     * @throws CoordinationException if the store failed or could not be reached
     * @throws IllegalStateException if the coordination is closed
     */
    Lease acquire(Duration timeout) throws InterruptedException, TimeoutException;
}
