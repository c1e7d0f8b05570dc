package io.courier.events.core;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one subscription did in this process since it started, for the broker's snapshot: events
 * handled, failed attempts retried, events sent to the dead-letter topic after their attempts, and
 * events sent there unread. {@link Attempts} counts the first two; the broker's dead-letter path the
 * others. Thread-safe.
 */
public final class SubscriptionCounts {

    private final LongAdder handled = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder unreadable = new LongAdder();

    void handled() {
        handled.increment();
    }

    void retried() {
        retried.increment();
    }

    /** Counts an event stored on the dead-letter topic: {@code unread} when it could not be read at all. */
    public void deadLettered(boolean unread) {
        (unread ? unreadable : deadLettered).increment();
    }

    public long handledCount() {
        return handled.sum();
    }

    public long retriedCount() {
        return retried.sum();
    }

    public long deadLetteredCount() {
        return deadLettered.sum();
    }

    public long unreadableCount() {
        return unreadable.sum();
    }
}
