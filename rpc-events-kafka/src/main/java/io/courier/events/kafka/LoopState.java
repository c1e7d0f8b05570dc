package io.courier.events.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What a subscription tells its consumer loops: pause, and stop. Thread-safe. */
final class LoopState {

    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean paused;

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
