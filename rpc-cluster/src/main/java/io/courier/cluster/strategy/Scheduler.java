package io.courier.cluster.strategy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay; how failback waits between background retries, replaceable in tests.
 * Tasks must not block.
 */
@FunctionalInterface
interface Scheduler {

    /**
     * The JDK's shared delay timer, which runs tasks on the common fork-join pool: Courier starts no
     * thread of its own for background retries, and none is left behind when a reference closes.
     */
    Scheduler SHARED = (task, delayMillis) -> CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS)
            .execute(task);

    void schedule(Runnable task, long delayMillis);
}
