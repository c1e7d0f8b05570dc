package io.courier.registry.etcd.internal.client;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands tasks to the registry's single-thread executor, and drops them once the registry has shut
 * that executor down: a callback of jetcd that arrives after {@code close()} has nothing left to do.
 */
public final class QuietTasks {

    private final ScheduledExecutorService executor;

    public QuietTasks(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // the registry closed
        }
    }

    public void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the registry closed
        }
    }
}
