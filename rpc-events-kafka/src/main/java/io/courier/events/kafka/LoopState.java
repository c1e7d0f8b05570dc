package io.courier.events.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a subscription tells its consumer loops (pause, and stop), and what they count for its
 * snapshot (kept here rather than read back from the meters, which a registry may drop). Thread-safe.
 */
final class LoopState {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean paused;
    final LongAdder handled = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    /** Events of the members' polled batches not finished yet: {@link io.courier.api.event.Subscription#buffered()}. */
    final LongAdder buffered = new LongAdder();

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    boolean stopping() {
        return stopping.getCount() == 0;
    }

    void stop() {
        stopping.countDown();
    }

    /** Waits {@code wait} unless told to stop first; whether it was told to stop. */
    boolean awaitStop(Duration wait) {
        try {
            return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
            return true;
        }
    }
}
