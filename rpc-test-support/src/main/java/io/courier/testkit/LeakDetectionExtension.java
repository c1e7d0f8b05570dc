package io.courier.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class if Netty's leak detector reported a leak while it ran.
 *
 * <p>Registered for every test through JUnit's extension auto-detection (the build turns it on).
 * Netty reports a leaked buffer through the logger of {@link ResourceLeakDetector} when a later
 * allocation finds a garbage-collected buffer that was never released; after each class this
 * extension collects garbage and allocates a few buffers so that pending reports surface, then
 * fails with every report it captured.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterAllCallback {

    private static final LeakRecorder RECORDER = LeakRecorder.install();
    private static final int COLLECTION_ROUNDS = 3;
    private static final long SENTINEL_WAIT_MILLIS = 1_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        RECORDER.drain();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < COLLECTION_ROUNDS; round++) {
            collectGarbage();
            // Each tracked allocation polls the detector's reference queue and reports what it finds.
            release(PooledByteBufAllocator.DEFAULT.buffer(1));
            release(PooledByteBufAllocator.DEFAULT.directBuffer(1));
            release(UnpooledByteBufAllocator.DEFAULT.buffer(1));
            release(UnpooledByteBufAllocator.DEFAULT.directBuffer(1));
        }
        List<String> leaks = RECORDER.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty leak report(s) during " + context.getDisplayName() + ":\n"
                    + String.join("\n\n", leaks));
        }
    }

    /**
     * Runs a collection and waits (bounded) until the reference handler thread has enqueued what it
     * found: the leak detector learns of a dropped buffer only from its reference queue, and an
     * allocation that polls the queue right after {@code System.gc()} can run before the handler has
     * put anything there, which made a leak go unreported now and then.
     */
    private static void collectGarbage() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        PhantomReference<Object> sentinel = new PhantomReference<>(new Object(), queue);
        System.gc();
        try {
            queue.remove(SENTINEL_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reference.reachabilityFence(sentinel);
    }

    private static void release(ByteBuf buffer) {
        buffer.release();
    }

    /** A logback appender on the leak detector's logger that keeps what it logs. */
    private static final class LeakRecorder extends AppenderBase<ILoggingEvent> {
        private final List<String> reports = new ArrayList<>();

        static LeakRecorder install() {
            LeakRecorder recorder = new LeakRecorder();
            Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
            recorder.setContext(logger.getLoggerContext());
            recorder.setName("courier-leak-recorder");
            recorder.start();
            logger.addAppender(recorder);
            return recorder;
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK")) {
                reports.add(event.getFormattedMessage());
            }
        }

        synchronized List<String> drain() {
            List<String> copy = new ArrayList<>(reports);
            reports.clear();
            return copy;
        }
    }
}
