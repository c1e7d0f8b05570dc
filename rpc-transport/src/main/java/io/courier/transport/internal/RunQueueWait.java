package io.courier.transport.internal;

import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the current thread waited for a CPU while it was ready to run: the second field
 * ({@code run_delay}, in nanoseconds) of Linux's {@code /proc/thread-self/schedstat}. The adaptive
 * pool uses it to tell a call on the IO thread that took long because the thread blocked (or
 * computed) from one that took long because the scheduler gave the core to another thread, which
 * on a loaded machine happens every second or so and is no reason to move a method off the IO
 * thread (see {@link CallPlacement#ranInline(long, long)}).
 *
 * <p>One per IO thread ({@link #current()}): the file is opened by the thread itself, since {@code
 * thread-self} names the thread that opens it, kept open, and closed when the thread ends (Netty
 * clears its thread's {@link FastThreadLocal}s then). Each reading is one {@code pread}, about 1 us,
 * taken at most once per {@link #MARK_INTERVAL_NANOS} by {@link #mark} and once per slow call by
 * {@link #waitedSinceMark()}. Where the file cannot be read (not Linux, or a kernel without
 * scheduler statistics), every reading is 0, so every slow call counts as the method's own.
 *
 * <p>Not thread-safe: used only by the thread it belongs to.
 */
final class RunQueueWait implements AutoCloseable {

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
    private final ByteBuffer buffer = ByteBuffer.allocate(96);
    private boolean marked;
    private long markedAt;
    private long waitedAtMark;

    private RunQueueWait(FileChannel file) {
        this.file = file;
    }

    /** The current thread's instance, opened on first use. */
    static RunQueueWait current() {
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
     * call's time but not in {@link #waitedSinceMark()} (measured: reads of 1-5 ms under load, each
     * taken for a stall of the method's).
     *
     * @return whether it read, so that the caller reads its clock again
     */
    boolean mark(long nowNanos) {
        if (file == null || (marked && nowNanos - markedAt < MARK_INTERVAL_NANOS)) {
            return false;
        }
        long waited = read();
        if (waited >= 0) {
            waitedAtMark = waited;
            markedAt = nowNanos;
            marked = true;
        }
        return true;
    }

    /**
     * The time the thread waited for a CPU since the last {@link #mark}, which was taken at most
     * {@link #MARK_INTERVAL_NANOS} before the call being measured began; 0 when unknown.
     */
    long waitedSinceMark() {
        if (file == null || !marked) {
            return 0;
        }
        long waited = read();
        return waited < 0 ? 0 : Math.max(0, waited - waitedAtMark);
    }

    private long read() {
        try {
            buffer.clear();
            if (file.read(buffer, 0) <= 0) {
                return unavailable(null);
            }
            long value = secondField(buffer);
            return value < 0 ? unavailable(null) : value;
        } catch (IOException | RuntimeException e) {
            return unavailable(e);
        }
    }

    /** The second space-separated decimal number in {@code buffer}'s bytes up to its position; -1 if none. */
    static long secondField(ByteBuffer buffer) {
        int end = buffer.position();
        int i = 0;
        while (i < end && buffer.get(i) != ' ') {
            i++;
        }
        i++;
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

    private long unavailable(Exception cause) {
        log.debug("scheduler statistics unreadable; slow calls on the IO thread count as the method's", cause);
        close();
        return -1;
    }

    /** A reader for the calling thread, which the caller closes; {@link #current()} is the IO threads' way. */
    static RunQueueWait open() {
        try {
            return new RunQueueWait(FileChannel.open(FILE, StandardOpenOption.READ));
        } catch (IOException | RuntimeException e) {
            log.debug("{} cannot be opened; slow calls on the IO thread count as the method's", FILE, e);
            return new RunQueueWait(null);
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
}
