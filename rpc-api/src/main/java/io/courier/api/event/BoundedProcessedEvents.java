package io.courier.api.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ProcessedEvents} in memory, with a bounded window: it remembers at most {@code maxEvents}
 * ids, each for at most {@code maxAge} after it was added; the oldest go first. A redelivery
 * arrives soon after the first delivery (the events after the last commit, replayed when a
 * partition moves), so a window of minutes and of a few times the events handled between commits
 * catches it. Outside the window, and after the process restarts, a duplicate is handled again:
 * use a durable store where that matters. Thread-safe; memory is about 100 bytes per id.
 */
public final class BoundedProcessedEvents implements ProcessedEvents {

    private final int maxEvents;
    private final long maxAgeNanos;
    private final Clock clock;
    /** Id to the clock's millis when it was added, oldest first. Guarded by itself. */
    private final LinkedHashMap<String, Long> added = new LinkedHashMap<>();

    private BoundedProcessedEvents(int maxEvents, Duration maxAge, Clock clock) {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents: " + maxEvents + " (expected: >= 1)");
        }
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: > 0)");
        }
        this.maxEvents = maxEvents;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A store remembering at most {@code maxEvents} ids for at most {@code maxAge} each.
     *
     * @throws IllegalArgumentException if {@code maxEvents} is below 1 or {@code maxAge} not positive
     */
    public static BoundedProcessedEvents of(int maxEvents, Duration maxAge) {
        return new BoundedProcessedEvents(maxEvents, maxAge, Clock.systemUTC());
    }

    /** As {@link #of(int, Duration)}, with the clock ages are measured on (tests use a fake one). */
    public static BoundedProcessedEvents of(int maxEvents, Duration maxAge, Clock clock) {
        return new BoundedProcessedEvents(maxEvents, maxAge, clock);
    }

    @Override
    public boolean contains(String eventId) {
        synchronized (added) {
            expire();
            return added.containsKey(eventId);
        }
    }

    @Override
    public void add(String eventId, Instant eventTime) {
        Objects.requireNonNull(eventId, "eventId");
        synchronized (added) {
            added.remove(eventId);
            added.put(eventId, clock.millis());
            expire();
        }
    }

    /** How many ids it remembers now. */
    public int size() {
        synchronized (added) {
            expire();
            return added.size();
        }
    }

    private void expire() {
        long oldest = clock.millis() - maxAgeNanos / 1_000_000;
        Iterator<Map.Entry<String, Long>> it = added.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Long> entry = it.next();
            if (added.size() > maxEvents || entry.getValue() < oldest) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
