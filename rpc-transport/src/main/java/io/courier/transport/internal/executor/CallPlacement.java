package io.courier.transport.internal.executor;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one method's calls run under the adaptive pool: on the pool, or on the connection's IO
 * thread once the method has shown that it does not block. Thread-safe; the counts are approximate
 * on purpose (a lost increment only delays a decision).
 *
 * <p>A method starts on the pool. When {@value #FAST_PERCENT} % of a window of {@value #WINDOW}
 * consecutive calls ran (decoding, filters and the method itself, up to the return of the
 * invoker) in less than {@value #FAST_NANOS} ns each, its later calls run on the IO thread, saving
 * the hand-off to a pool thread and the wake-up of the event loop for the answer. The first call on
 * the IO thread that takes {@value #STALL_NANOS} ns or more moves the method back to the pool at
 * once, so a method that blocks stalls the other calls of its event loop for that one call, unless
 * it is the method's first stall in {@value #FORGIVE_NANOS} ns and shorter than {@value
 * #LONG_STALL_NANOS} ns: the IO thread itself sometimes stops for a few milliseconds in the kernel
 * (measured on a 2-core virtual machine: a 2 us method held 1-17 ms two to four times a minute,
 * neither computing nor waiting for a CPU nor in a collection or a safepoint), and each such stop,
 * taken for the method's, kept a fast method on the pool for a window of calls at several times the
 * CPU per call. A method that blocks blocks again soon: its second stall within that time moves it.
 * So one that blocks now and then stalls its event loop at most once in that time for that one
 * forgiven call, and one that blocks for longer goes back at once. It may
 * come back after a window twice as long as the last, up to {@value #MAX_WINDOW} calls: a slow
 * call on a loaded machine is often the scheduler's doing or the JIT's, not the method's, and a
 * server that pinned a method to the pool for good after a few such calls would lose the IO thread
 * for the rest of its life to a noisy minute. So a method that blocks now and then stalls its event
 * loop for one call each time it comes back, and it comes back after at least {@value #MAX_WINDOW}
 * fast calls once it has been moved back ten times. A slow call during which the JVM collected
 * garbage (the count of collections changed since the last look) does not count: the pause stopped
 * every thread. So a blocking call that coincides with a collection gets one pass per collection.
 *
 * <p>Nor does the time the IO thread spent without its CPU ({@link RunQueueWait}, read from the
 * Linux scheduler's statistics): ready to run while the scheduler ran other threads, which on a
 * loaded machine takes the IO thread's core for a few milliseconds every second or so, in the middle
 * of whatever call it runs; or, in a virtual machine, while the host ran another machine on that
 * CPU (steal), which a noisy host does many times a second. Before the first was subtracted a 2 us
 * method was moved to the pool and back dozens of times a minute under a benchmark (each time paying
 * the pool's hand-off for a window of calls), and before the second, twice as often as on a quiet
 * host while the host took CPU from the machine. A call is a stall when its time less that lost time
 * is 1 ms or more; the lost time counted may begin up to 1 ms before the call did, so a call that
 * blocks for just over 1 ms right after such a loss may pass once.
 */
public final class CallPlacement {

    private static final Logger log = LoggerFactory.getLogger(CallPlacement.class);

    static final int WINDOW = 1024;
    static final int FAST_PERCENT = 90;
    static final long FAST_NANOS = 100_000;
    static final long STALL_NANOS = 1_000_000;
    /** The longest window: about ten seconds of calls of a busy method. */
    static final int MAX_WINDOW = 1 << 20;
    /** A stall this long is the method's whatever else happened: it is not forgiven. */
    static final long LONG_STALL_NANOS = 50_000_000;
    /** At most one stall per method is forgiven in this time: ten seconds. */
    static final long FORGIVE_NANOS = 10_000_000_000L;

    private static final int POOLED = 0;
    private static final int INLINE = 1;

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger fast = new AtomicInteger();
    private volatile int state = POOLED;
    /** Calls in the current window; doubles each time the method is moved back to the pool. */
    private volatile int window = WINDOW;
    /** Garbage collections counted when last looked at; guarded by {@code this}. */
    private long collectionsSeen;
    /** Whether a stall has been forgiven yet, and when ({@link #clock}); guarded by {@code this}. */
    private boolean forgave;

    private long forgivenAt;

    private final LongSupplier collections;
    private final LongSupplier clock;

    /** @param name the method, for the log lines when it moves */
    CallPlacement(String name) {
        this(name, Collections::count, System::nanoTime);
    }

    /**
     * @param collections the count of garbage collections so far
     * @param clock the time in nanoseconds, read only when a call was slow
     */
    CallPlacement(String name, LongSupplier collections, LongSupplier clock) {
        this.name = name;
        this.collections = collections;
        this.clock = clock;
    }

    /** Whether the next call runs on the IO thread. */
    public boolean inline() {
        return state == INLINE;
    }

    /** Records a call that ran on the pool for {@code nanos}. */
    public void ranPooled(long nanos) {
        if (state != POOLED) {
            return;
        }
        if (nanos < FAST_NANOS) {
            fast.incrementAndGet();
        }
        int size = window;
        // Exactly one caller sees the window end: it alone decides and logs.
        if (calls.incrementAndGet() == size) {
            if (fast.get() * 100L >= (long) size * FAST_PERCENT) {
                synchronized (this) {
                    collectionsSeen = collections.getAsLong();
                    state = INLINE;
                }
                log.info("{} runs on the IO thread from now on (fast on the pool)", name);
            }
            calls.set(0);
            fast.set(0);
        }
    }

    /**
     * Records a call that ran on the IO thread for {@code nanos}, which ended just now; {@code wait}
     * says, when the call was slow, how much of that the thread spent without its CPU.
     */
    public void ranInline(long nanos, RunQueueWait wait) {
        if (nanos >= STALL_NANOS) {
            long lost = wait.lostSinceMark(System.nanoTime());
            ranInline(nanos, lost, wait.lastReading());
        }
    }

    /**
     * Records a call that ran on the IO thread for {@code nanos}, of which it spent {@code
     * lostNanos} (or more: the count may start up to {@link RunQueueWait#MARK_INTERVAL_NANOS}
     * before the call) without its CPU. Only the rest is the method's: a call that took 3 ms because
     * the scheduler ran other threads, or the host another machine, for 2.5 ms of them did not block.
     */
    public void ranInline(long nanos, long lostNanos) {
        ranInline(nanos, lostNanos, "");
    }

    /** As {@link #ranInline(long, long)}; {@code reading} adds what the scheduler's statistics said to the log line. */
    private void ranInline(long nanos, long lostNanos, String reading) {
        if (nanos < STALL_NANOS) {
            return;
        }
        if (nanos - lostNanos < STALL_NANOS) {
            log.debug(
                    "{} took {} us on the IO thread, {} us of them without its CPU",
                    name,
                    nanos / 1_000,
                    lostNanos / 1_000);
            return;
        }
        synchronized (this) {
            if (state != INLINE) {
                return;
            }
            long collected = collections.getAsLong();
            if (collected != collectionsSeen) {
                // A collection since the last look stops every thread: most likely the cause, once.
                collectionsSeen = collected;
                return;
            }
            long own = nanos - lostNanos;
            long now = clock.getAsLong();
            if (own < LONG_STALL_NANOS && (!forgave || now - forgivenAt >= FORGIVE_NANOS)) {
                // Most likely the thread's stop, not the method's: a method that blocks does so again soon.
                forgave = true;
                forgivenAt = now;
                log.debug(
                        "{} took {} us on the IO thread ({} us without its CPU{}); forgiven once in {} s",
                        name,
                        nanos / 1_000,
                        lostNanos / 1_000,
                        reading,
                        FORGIVE_NANOS / 1_000_000_000L);
                return;
            }
            calls.set(0);
            fast.set(0);
            window = Math.min(MAX_WINDOW, window * 2);
            state = POOLED;
            log.info(
                    "{} took {} us on the IO thread ({} us without its CPU{}); its calls run on the pool until {}"
                            + " fast calls in a row",
                    name,
                    nanos / 1_000,
                    lostNanos / 1_000,
                    reading,
                    window);
        }
    }

    /** The JVM's garbage collections so far; read only when a call was slow or a method moves. */
    private static final class Collections {
        private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

        static long count() {
            long count = 0;
            for (GarbageCollectorMXBean collector : COLLECTORS) {
                count += Math.max(0, collector.getCollectionCount());
            }
            return count;
        }
    }
}
