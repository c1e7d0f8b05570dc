package io.courier.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one method's calls run under the adaptive pool: on the pool, or on the connection's IO
 * thread once the method has shown that it never blocks. Thread-safe; the counts are approximate
 * on purpose (a lost increment only delays a decision).
 *
 * <p>A method starts on the pool. When {@value #FAST_NEEDED} of a window of {@value #WINDOW}
 * consecutive calls ran (decoding, filters and the method itself, up to the return of the
 * invoker) in less than {@value #FAST_NANOS} ns, its later calls run on the IO thread, saving the
 * hand-off to a pool thread and the wake-up of the event loop for the answer. The first call on the
 * IO thread that takes {@value #STALL_NANOS} ns or more moves the method back to the pool for good:
 * a method that blocks stalls the other calls of its event loop for one call at most, once.
 */
final class CallPlacement {

    private static final Logger log = LoggerFactory.getLogger(CallPlacement.class);

    static final int WINDOW = 1024;
    static final int FAST_NEEDED = WINDOW - WINDOW / 10;
    static final long FAST_NANOS = 100_000;
    static final long STALL_NANOS = 1_000_000;

    private static final int POOLED = 0;
    private static final int INLINE = 1;
    private static final int PINNED = 2;

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger fast = new AtomicInteger();
    private volatile int state = POOLED;

    /** @param name the method, for the log line when it is moved back to the pool */
    CallPlacement(String name) {
        this.name = name;
    }

    /** Whether the next call runs on the IO thread. */
    boolean inline() {
        return state == INLINE;
    }

    /** Records a call that ran on the pool for {@code nanos}. */
    void ranPooled(long nanos) {
        if (state != POOLED) {
            return;
        }
        if (nanos < FAST_NANOS) {
            fast.incrementAndGet();
        }
        if (calls.incrementAndGet() >= WINDOW) {
            if (fast.get() >= FAST_NEEDED) {
                state = INLINE;
                log.debug("{} runs on the IO thread from now on (fast on the pool)", name);
            }
            calls.set(0);
            fast.set(0);
        }
    }

    /** Records a call that ran on the IO thread for {@code nanos}. */
    void ranInline(long nanos) {
        if (nanos >= STALL_NANOS && state == INLINE) {
            state = PINNED;
            log.info("{} took {} us on the IO thread; its calls run on the pool from now on", name, nanos / 1_000);
        }
    }
}
