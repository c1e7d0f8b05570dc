package io.courier.transport.internal.executor;

import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much of a stretch of the current thread's time was not its own: the time it waited for a CPU
 * while it was ready to run (the second field, {@code run_delay} in nanoseconds, of Linux's {@code
 * /proc/thread-self/schedstat}) and, when it never left its CPU, the time the hypervisor gave that
 * CPU to another machine (steal). The adaptive pool subtracts it to tell a call on the IO thread that
 * took long because the method blocked (or computed) from one that took long because the core was
 * taken away, which on a loaded machine happens every second or so and under a noisy host many
 * times a second, and is no reason to move a method off the IO thread (see {@link
 * CallPlacement#ranInline(long, long)}).
 *
 * <p>Steal is not in the thread's scheduler statistics: to the guest the thread ran on. It shows as
 * time that is neither the thread's CPU time (which, on a kernel with paravirtual steal accounting,
 * leaves out what the host took), nor its run-queue wait, nor time asleep. Asleep is told apart by
 * the third field of the file, the number of times the thread was put on a CPU: a thread that blocks
 * leaves its CPU and comes back, one that is stolen from does not. So when that count did not change,
 * the time since the mark less the CPU time is the host's; when it did, only the run-queue wait is
 * subtracted, because the thread may have slept and that time may be the method's. On a kernel
 * without steal accounting the CPU time includes the steal and nothing extra is subtracted.
 *
 * <p>One per IO thread ({@link #current()}): the file is opened by the thread itself, since {@code
 * thread-self} names the thread that opens it, kept open, and closed when the thread ends (Netty
 * clears its thread's {@link FastThreadLocal}s then). Each reading is one {@code pread} and one
 * reading of the thread's CPU clock, a few microseconds together, taken at most once per {@link
 * #MARK_INTERVAL_NANOS} by {@link #mark} and once per slow call by {@link #lostSinceMark(long)}.
 * Where the file cannot be read (not Linux, or a kernel without scheduler statistics), every reading
 * is 0, so every slow call counts as the method's own.
 *
 * <p>Not thread-safe: used only by the thread it belongs to.
 */
public final class RunQueueWait implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunQueueWait.class);

    private static final Path FILE = Path.of("/proc/thread-self/schedstat");

    /** How old a mark may be: a call is charged with the waits since at most this long before it began. */
    static final long MARK_INTERVAL_NANOS = 1_000_000;

    private static final FastThreadLocal<RunQueueWait> CURRENT = new FastThreadLocal<>() {
        @Override
        protected RunQueueWait initialValue() {
            return RunQueueWait.open();
        }

        @Override
        protected void onRemoval(RunQueueWait value) {
            value.close();
        }
    };

    private FileChannel file;
    /** Direct: a heap buffer would make every read go through a temporary direct one. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(96);

    /** The thread's CPU time; {@code null} where the JVM cannot read it, and then no steal is subtracted. */
    private final LongSupplier cpuNanos;

    private boolean marked;
    private long markedAt;
    private long waitedAtMark;
    private long switchesAtMark;
    private long cpuAtMark;
    /** The run-queue wait and the times put on a CPU of the last {@link #read()}. */
    private long waited;
    /** The CPU time and the times put on a CPU between the mark and the last {@link #lostSinceMark}; -1 unknown. */
    private long cpuSinceMark = -1;

    private long switchesSinceMark = -1;

    private long switches;

    private RunQueueWait(FileChannel file, LongSupplier cpuNanos) {
        this.file = file;
        this.cpuNanos = cpuNanos;
    }

    /** The current thread's instance, opened on first use. */
    public static RunQueueWait current() {
        return CURRENT.get();
    }

    /** Whether readings come from the scheduler; when {@code false} every reading is 0. */
    boolean available() {
        return file != null;
    }

    /**
     * Takes a reading if the last one is older than {@link #MARK_INTERVAL_NANOS}: called before each
     * call that is measured, so a busy thread reads the file about once per millisecond whatever its
     * call rate. The caller starts its clock after this returns: the scheduler may take the core
     * away in the middle of a read, after the counters were sampled, and that wait would be in the
     * call's time but not in {@link #lostSinceMark(long)} (measured: reads of 1-5 ms under load, each
     * taken for a stall of the method's).
     *
     * @return whether it read, so that the caller reads its clock again
     */
    public boolean mark(long nowNanos) {
        if (file == null || (marked && nowNanos - markedAt < MARK_INTERVAL_NANOS)) {
            return false;
        }
        if (read()) {
            waitedAtMark = waited;
            switchesAtMark = switches;
            cpuAtMark = cpuNow();
            markedAt = nowNanos;
            marked = true;
        }
        return true;
    }

    /**
     * The time since the last {@link #mark} (taken at most {@link #MARK_INTERVAL_NANOS} before the
     * call being measured began) that was not the thread's own, up to {@code nowNanos}; 0 when
     * unknown.
     */
    long lostSinceMark(long nowNanos) {
        if (file == null || !marked) {
            return 0;
        }
        long cpu = cpuNow();
        if (!read()) {
            return 0;
        }
        long waitedSince = waited - waitedAtMark;
        switchesSinceMark = switches - switchesAtMark;
        cpuSinceMark = cpu < 0 || cpuAtMark < 0 ? -1 : cpu - cpuAtMark;
        if (cpu < 0 || cpuAtMark < 0) {
            // no CPU time to tell steal apart: the run-queue wait only
            return Math.max(0, waitedSince);
        }
        return lost(nowNanos - markedAt, cpu - cpuAtMark, waitedSince, switches - switchesAtMark);
    }

    /**
     * What the last {@link #lostSinceMark} read, for the log line of a slow call: the thread's CPU
     * time since the mark and how often it was put on a CPU since (0: it neither slept nor waited, so
     * a slow call computed; more: it may have slept, e.g. on a lock), or "" when unknown.
     */
    String lastReading() {
        if (switchesSinceMark < 0) {
            return "";
        }
        return ", since the mark " + (cpuSinceMark < 0 ? "?" : cpuSinceMark / 1_000)
                + " us on its CPU and put on a CPU " + switchesSinceMark + " times";
    }

    /**
     * Of {@code elapsed} nanoseconds, those that were not the thread's: its run-queue wait, and, if it
     * was never put on a CPU again ({@code switches} 0: it neither slept nor waited), all it did not
     * spend on its CPU time, which the host took.
     */
    static long lost(long elapsed, long cpu, long waited, long switches) {
        long wait = Math.max(0, waited);
        return switches != 0 ? wait : Math.max(wait, elapsed - Math.max(0, cpu));
    }

    /** The thread's CPU time, or -1 where it cannot be read. */
    private long cpuNow() {
        return cpuNanos == null ? -1 : cpuNanos.getAsLong();
    }

    /** Reads the file into {@link #waited} and {@link #switches}; {@code false} if it could not. */
    private boolean read() {
        try {
            buffer.clear();
            if (file.read(buffer, 0) <= 0) {
                return unavailable(null);
            }
            long delay = field(buffer, 1);
            long count = field(buffer, 2);
            if (delay < 0 || count < 0) {
                return unavailable(null);
            }
            waited = delay;
            switches = count;
            return true;
        } catch (IOException | RuntimeException e) {
            return unavailable(e);
        }
    }

    /**
     * The space-separated decimal number at {@code index} (from 0) in {@code buffer}'s bytes up to its
     * position; -1 if none.
     */
    static long field(ByteBuffer buffer, int index) {
        int end = buffer.position();
        int i = 0;
        for (int skipped = 0; skipped < index; skipped++) {
            while (i < end && buffer.get(i) != ' ') {
                i++;
            }
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < end && digits < 19; i++, digits++) {
            byte b = buffer.get(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private boolean unavailable(Exception cause) {
        log.debug("scheduler statistics unreadable; slow calls on the IO thread count as the method's", cause);
        close();
        return false;
    }

    /** A reader for the calling thread, which the caller closes; {@link #current()} is the IO threads' way. */
    static RunQueueWait open() {
        return open(CpuClock.current());
    }

    /**
     * As {@link #open()}, with the thread's CPU time read from {@code cpuNanos} ({@code null}: no
     * steal is subtracted).
     */
    static RunQueueWait open(LongSupplier cpuNanos) {
        try {
            return new RunQueueWait(FileChannel.open(FILE, StandardOpenOption.READ), cpuNanos);
        } catch (IOException | RuntimeException e) {
            log.debug("{} cannot be opened; slow calls on the IO thread count as the method's", FILE, e);
            return new RunQueueWait(null, cpuNanos);
        }
    }

    @Override
    public void close() {
        FileChannel open = file;
        file = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("closing {} failed", FILE, e);
            }
        }
    }

    /** The calling thread's CPU time. */
    private static final class CpuClock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        /** {@code null} where the JVM cannot read a thread's CPU time (it then reads -1 or throws). */
        public static LongSupplier current() {
            if (!THREADS.isCurrentThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
                return null;
            }
            return THREADS::getCurrentThreadCpuTime;
        }
    }
}
