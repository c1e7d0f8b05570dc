package io.courier.demo;

import java.util.ArrayList;
import java.util.List;

/** What happened during the run, printed as it happens and kept for the summary. Thread-safe. */
final class Timeline {

    private final ShopStats stats;
    private final List<String> events = new ArrayList<>();

    Timeline(ShopStats stats) {
        this.stats = stats;
    }

    synchronized void event(String what) {
        String line = String.format("[%5.1f s] %s", stats.elapsedSeconds(), what);
        events.add(line);
        System.out.println(line);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}
