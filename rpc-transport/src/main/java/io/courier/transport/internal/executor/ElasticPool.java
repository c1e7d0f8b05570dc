package io.courier.transport.internal.executor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's business pool: runs calls on as few threads as keep up, and adds a thread when
 * queued calls stop moving.
 *
 * <p>A thread pool that wakes a parked thread for every call (as {@code ThreadPoolExecutor} does
 * once its queue drains) keeps as many threads running as there are calls in flight: on a small
 * machine most of a short call's provider CPU then goes to waking, switching to and parking those
 * threads. This pool wakes a thread for a new call only while fewer than {@code warmThreads} are
 * running; the running ones take queued calls one after another without parking. Calls that block
 * must not hold up the rest, so a watch thread checks every {@link #WATCH_TICK_NANOS} whether
 * queued calls have moved since its last look, and wakes (or starts) one more thread when they
 * have not: a call behind blocked threads waits about a tick longer, never for the blocking call.
 *
 * <p>Admission matches a fixed pool with a bounded queue: a call is refused with
 * {@link ServerExecutors#BUSY} when {@code queueCapacity} calls already wait and no thread is left
 * to take it, and after {@link #shutdown()}. Threads are started on demand, up to
 * {@code maxThreads}, and kept (idle threads cost a parked thread, not CPU).
 */
public final class ElasticPool extends AbstractExecutorService {

    private static final Logger log = LoggerFactory.getLogger(ElasticPool.class);

    /** How long queued calls may stand still before the watch adds a thread. */
    static final long WATCH_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Ticks without queued calls after which the watch parks until the next call. */
    private static final int WATCH_IDLE_TICKS = 100;

    private final int maxThreads;
    private final int warmThreads;
    private final int queueCapacity;
    private final ThreadFactory threadFactory;

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Calls accepted and not yet taken by a thread. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Calls taken by threads, ever: the watch's measure of progress. */
    private final AtomicLong taken = new AtomicLong();
    /** Threads not parked: running a call or looking for one. */
    private final AtomicInteger running = new AtomicInteger();

    // Guarded by this: parked threads, most recently parked first (its caches are the warmest),
    // and every thread started.
    private final ArrayDeque<Worker> parked = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    private boolean shutdown;

    private final Thread watch;
    private volatile boolean watchParked;
    private volatile boolean stopping;

    /**
     * @param maxThreads threads the pool may start
     * @param warmThreads threads woken for new calls without waiting for the watch; at least 1
     * @param queueCapacity calls that may wait for a thread; at least 1
     */
    ElasticPool(int maxThreads, int warmThreads, int queueCapacity, ThreadFactory threadFactory) {
        if (maxThreads < 1 || warmThreads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxThreads, warmThreads and queueCapacity must be positive");
        }
        this.maxThreads = maxThreads;
        this.warmThreads = Math.min(warmThreads, maxThreads);
        this.queueCapacity = queueCapacity;
        this.threadFactory = threadFactory;
        this.watch = threadFactory.newThread(this::watchLoop);
        watch.start();
    }

    @Override
    public void execute(Runnable task) {
        if (stopping) {
            throw ServerExecutors.BUSY;
        }
        int waiting = queued.incrementAndGet();
        // Queued before any thread is woken, so that the woken thread finds it.
        tasks.add(task);
        if (waiting > queueCapacity) {
            // Beyond the queue a call needs a thread of its own, as in a fixed pool. A thread that
            // took it meanwhile has accepted it.
            if (!wakeOne()) {
                refuse(task);
            }
        } else if (running.get() < warmThreads) {
            wakeOne();
        }
        if (stopping) {
            // Shut down while it was queued: the threads may have left already.
            refuse(task);
        }
        if (watchParked) {
            watchParked = false;
            LockSupport.unpark(watch);
        }
    }

    private void refuse(Runnable task) {
        if (tasks.remove(task)) {
            queued.decrementAndGet();
            throw ServerExecutors.BUSY;
        }
    }

    /** Wakes the most recently parked thread, or starts one; false if every thread is running. */
    private boolean wakeOne() {
        Worker worker;
        synchronized (this) {
            if (shutdown) {
                return false;
            }
            worker = parked.pollFirst();
            if (worker == null) {
                if (workers.size() >= maxThreads) {
                    return false;
                }
                worker = new Worker();
                workers.add(worker);
                running.incrementAndGet();
                worker.thread.start();
                return true;
            }
            running.incrementAndGet();
            worker.woken = true;
        }
        LockSupport.unpark(worker.thread);
        return true;
    }

    private void watchLoop() {
        long lastTaken = taken.get();
        int idleTicks = 0;
        while (!watchDone()) {
            if (queued.get() > 0) {
                idleTicks = 0;
                long now = taken.get();
                if (now == lastTaken) {
                    // Nothing queued moved for a whole tick: the running threads are blocked or
                    // busy, so every waiting call gets a thread, as it would in a fixed pool.
                    for (int i = queued.get(); i > 0 && wakeOne(); i--) {
                        // woken
                    }
                }
                lastTaken = now;
                LockSupport.parkNanos(this, WATCH_TICK_NANOS);
            } else if (++idleTicks < WATCH_IDLE_TICKS) {
                lastTaken = taken.get();
                LockSupport.parkNanos(this, WATCH_TICK_NANOS);
            } else {
                watchParked = true;
                // Re-checked after announcing the park, so that a call queued meanwhile is seen.
                if (queued.get() == 0 && !stopping) {
                    LockSupport.park(this);
                }
                watchParked = false;
                idleTicks = 0;
                lastTaken = taken.get();
            }
        }
    }

    /** The watch leaves once the pool is shut down and no call waits for a thread. */
    private boolean watchDone() {
        return stopping && queued.get() == 0;
    }

    private final class Worker implements Runnable {
        final Thread thread = threadFactory.newThread(this);
        /** Set under the pool's lock by the thread that took this worker off the parked list. */
        volatile boolean woken;

        @Override
        public void run() {
            try {
                while (true) {
                    Runnable task = tasks.poll();
                    if (task != null) {
                        queued.decrementAndGet();
                        taken.incrementAndGet();
                        runTask(task);
                    } else if (!park()) {
                        return;
                    }
                }
            } finally {
                synchronized (ElasticPool.this) {
                    workers.remove(this);
                    ElasticPool.this.notifyAll();
                }
            }
        }

        private void runTask(Runnable task) {
            try {
                task.run();
            } catch (Throwable t) {
                // Request tasks answer their own failures; this is a bug in one, not a reason to lose the thread.
                log.warn("a pooled call failed", t);
            } finally {
                Thread.interrupted();
            }
        }

        /** Parks until woken; false when the pool is shut down and nothing is left to run. */
        private boolean park() {
            synchronized (ElasticPool.this) {
                if (shutdown) {
                    return !tasks.isEmpty();
                }
                woken = false;
                parked.addFirst(this);
                running.decrementAndGet();
            }
            // A call queued by a caller that still saw this thread running would otherwise wait for the watch.
            if (!tasks.isEmpty()) {
                synchronized (ElasticPool.this) {
                    if (parked.remove(this)) {
                        running.incrementAndGet();
                        return true;
                    }
                }
            }
            while (!woken) {
                LockSupport.park(ElasticPool.this);
                synchronized (ElasticPool.this) {
                    if (shutdown && !woken) {
                        parked.remove(this);
                        running.incrementAndGet();
                        return !tasks.isEmpty();
                    }
                }
            }
            return true;
        }
    }

    @Override
    public void shutdown() {
        List<Thread> toWake = new ArrayList<>();
        synchronized (this) {
            if (shutdown) {
                return;
            }
            shutdown = true;
            stopping = true;
            for (Worker worker : parked) {
                toWake.add(worker.thread);
            }
        }
        toWake.forEach(LockSupport::unpark);
        LockSupport.unpark(watch);
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> dropped = new ArrayList<>();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            queued.decrementAndGet();
            dropped.add(task);
        }
        synchronized (this) {
            workers.forEach(worker -> worker.thread.interrupt());
        }
        return dropped;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && workers.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this) {
            while (!(shutdown && workers.isEmpty())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        // The watch leaves once nothing is queued; after the threads it has nothing left to wait for.
        long left = deadline - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.timedJoin(watch, left);
        }
        return !watch.isAlive();
    }
}
