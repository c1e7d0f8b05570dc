package io.courier.transport.internal.executor;

import io.courier.transport.ExecutorKind;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A server's business executors, one per {@link ExecutorKind}: the bounded pool (created at start),
 * the virtual-thread executor (created on first use, Java 21+ only), and none for
 * {@link ExecutorKind#DIRECT}, whose calls run on the IO thread. Owned and closed by the server.
 *
 * <p>The pool is an {@link ElasticPool}, which runs calls on as few threads as keep up; with a queue
 * size of 0 it is a plain pool whose calls go straight to an idle thread.
 */
public final class ServerExecutors implements AutoCloseable {

    /** Thrown by the pool when it is full: preallocated, because refusals come in floods. */
    public static final RejectedExecutionException BUSY = new RejectedExecutionException("executor full") {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private static final RejectedExecutionHandler REFUSE = (task, executor) -> {
        throw BUSY;
    };

    private final ExecutorService pool;
    private final String name;
    private volatile ExecutorService virtual;

    /**
     * @param threadCount the pool's threads, started on demand
     * @param queueSize calls the pool may queue; 0 hands each call straight to an idle thread or refuses it
     * @param name prefix of the pool's thread names
     */
    public ServerExecutors(int threadCount, int queueSize, String name) {
        DefaultThreadFactory threads = new DefaultThreadFactory(name, true);
        if (queueSize == 0) {
            // No queue: a call needs an idle thread at once, which is exactly what a synchronous hand-off asks.
            this.pool = new ThreadPoolExecutor(
                    threadCount, threadCount, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads, REFUSE);
        } else {
            this.pool = new ElasticPool(threadCount, Runtime.getRuntime().availableProcessors(), queueSize, threads);
        }
        this.name = name;
    }

    /**
     * The executor of {@code kind}, or {@code null} for {@link ExecutorKind#DIRECT}. Its
     * {@code execute} throws {@link RejectedExecutionException} when the call must be refused.
     */
    public Executor executor(ExecutorKind kind) {
        return switch (kind) {
            case POOL -> pool;
            case DIRECT -> null;
            case VIRTUAL -> virtual();
        };
    }

    private ExecutorService virtual() {
        ExecutorService current = virtual;
        if (current == null) {
            synchronized (this) {
                current = virtual;
                if (current == null) {
                    current = VirtualThreads.newExecutor(name + "-virtual-");
                    virtual = current;
                }
            }
        }
        return current;
    }

    /** Stops the executors, waiting up to {@code timeoutMillis} for running calls. */
    public void close(long timeoutMillis) {
        pool.shutdown();
        ExecutorService current;
        synchronized (this) {
            current = virtual;
        }
        if (current != null) {
            current.shutdown();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            if (!pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                dropAll(pool.shutdownNow());
            }
            if (current != null && !current.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropAll(pool.shutdownNow());
        }
    }

    /** Ends the calls a stopped pool never ran, so that their requests are released and their callers told. */
    private static void dropAll(List<Runnable> neverRun) {
        for (Runnable task : neverRun) {
            if (task instanceof DroppableTask call) {
                call.dropped();
            }
        }
    }

    @Override
    public void close() {
        close(0);
    }
}
