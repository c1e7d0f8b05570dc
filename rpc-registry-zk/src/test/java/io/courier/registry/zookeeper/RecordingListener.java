package io.courier.registry.zookeeper;

import io.courier.api.coordination.LeadershipListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/** Records leadership events ("gained 12", "lost") with the time they arrived. */
final class RecordingListener implements LeadershipListener {

    record Event(String what, long atNanos) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    private final LongConsumer onGained;

    RecordingListener() {
        this(token -> {});
    }

    RecordingListener(LongConsumer onGained) {
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

    boolean leads() {
        return !events.isEmpty() && events.get(events.size() - 1).what().startsWith("gained");
    }

    long lostAtNanos() {
        return events.stream()
                .filter(e -> e.what().equals("lost"))
                .findFirst()
                .orElseThrow()
                .atNanos();
    }
}
