package io.courier.api.coordination;

/**
 * A read/write lock shared by every process of the registry's estate: any number of readers, or
 * one writer. Both locks are reentrant and thread-bound; a writer may acquire the read lock, a
 * reader may not upgrade. Thread-safe.
 */
public interface DistributedReadWriteLock {

    /** The lock's name. */
    String name();

    /** The shared (read) lock. */
    DistributedLock readLock();

    /** The exclusive (write) lock. */
    DistributedLock writeLock();
}
