package io.courier.api.coordination;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/** Records leadership events ("gained 12", "lost") with the time they arrived. */
public final class RecordingListener implements LeadershipListener {

    /** One event and when it arrived ({@link System#nanoTime()}). */
    public record Event(String what, long atNanos) {}

    public final List<Event> events = new CopyOnWriteArrayList<>();
    private final LongConsumer onGained;

    public RecordingListener() {
        this(token -> {});
    }

    /** @param onGained runs in {@link #gained}, after the event is recorded */
    public RecordingListener(LongConsumer onGained) {
        this.onGained = onGained;
    }

    @Override
    public void gained(long fencingToken) {
        events.add(new Event("gained " + fencingToken, System.nanoTime()));
        onGained.accept(fencingToken);
    }

    @Override
    public void lost() {
        events.add(new Event("lost", System.nanoTime()));
    }

    /** Whether the last event is a gain. */
    public boolean leads() {
        return !events.isEmpty() && events.get(events.size() - 1).what().startsWith("gained");
    }

    /** When the first loss arrived. */
    public long lostAtNanos() {
        return events.stream()
                .filter(e -> e.what().equals("lost"))
                .findFirst()
                .orElseThrow()
                .atNanos();
    }
}
