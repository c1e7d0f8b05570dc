package io.courier.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names a registry client's threads {@code <prefix>-<n>}; daemons, so that a client never keeps a JVM alive. */
public record DaemonThreads(String prefix, AtomicInteger count) implements ThreadFactory {

    /** Threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
    public DaemonThreads(String prefix) {
        this(prefix, new AtomicInteger());
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
