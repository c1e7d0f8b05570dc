package io.courier.bench.gateway;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes this JVM's threads allocated: the threads alive now, plus what threads that ended added
 * before they did ({@link #finished}). Allocation per call moves far less with the host's load than
 * CPU time does, which makes it the figure to compare between runs on a shared machine.
 */
final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final LongAdder FINISHED = new LongAdder();

    private final Map<Long, Long> byThread;
    private final long finished;

    private Allocations(Map<Long, Long> byThread, long finished) {
        this.byThread = byThread;
        this.finished = finished;
    }

    /** What every live thread allocated so far, and what ended threads reported. */
    static Allocations now() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return new Allocations(byThread, FINISHED.sum());
    }

    /** The bytes allocated by the calling thread so far. */
    static long currentThread() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Counts what a thread allocated in its life; called by a thread that is about to end. */
    static void finished(long bytes) {
        FINISHED.add(bytes);
    }

    /**
     * The bytes allocated since {@code before}: by threads alive at both times, by threads started
     * since (all of theirs) and reported by threads that ended. A pooled thread that ends without
     * reporting loses what it allocated in the round: the figure is at most a little low.
     */
    long since(Allocations before) {
        long total = finished - before.finished;
        for (Map.Entry<Long, Long> thread : byThread.entrySet()) {
            total += thread.getValue() - before.byThread.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }
}
