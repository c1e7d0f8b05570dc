package io.courier.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What happened during the run, printed as it happens and kept for the summary; silent once a signal
 * stops the run, whose closing would otherwise read as failures (scrapes of a closed endpoint).
 * Thread-safe.
 */
final class Timeline {

    private final ShopStats stats;
    private final BooleanSupplier stopping;
    private final List<String> events = new ArrayList<>();

    Timeline(ShopStats stats, BooleanSupplier stopping) {
        this.stats = stats;
        this.stopping = stopping;
    }

    synchronized void event(String what) {
        if (stopping.getAsBoolean()) {
            return;
        }
        String line = String.format("[%5.1f s] %s", stats.elapsedSeconds(), what);
        events.add(line);
        System.out.println(line);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}
