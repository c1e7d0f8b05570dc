package io.courier.registry.eureka;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names a registry client's threads {@code <prefix>-<n>}; daemons, so that a client never keeps a JVM alive. */
record DaemonThreads(String prefix, AtomicInteger count) implements ThreadFactory {

    DaemonThreads(String prefix) {
        this(prefix, new AtomicInteger());
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
