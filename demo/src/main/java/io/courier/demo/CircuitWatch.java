package io.courier.demo;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Follows order-service's circuit breakers from the outside, as an operator would: it scrapes
 * {@code courier_circuit_transitions_total} from the Prometheus endpoint and replays the new
 * transitions of each instance in the only order a breaker allows (closed, open, half-open, then
 * open or closed). Used by one thread.
 */
final class CircuitWatch {

    private static final String OPEN = "OPEN";
    private static final String HALF_OPEN = "HALF_OPEN";
    private static final String CLOSED = "CLOSED";

    private final ShopSystem shop;
    private final Prometheus prometheus;
    private final Timeline timeline;
    /** Transitions seen so far, per instance name and state entered. */
    private final Map<String, Map<String, Integer>> seen = new HashMap<>();

    private final Map<String, String> states = new HashMap<>();
    private long nextPollNanos;

    CircuitWatch(ShopSystem shop, Prometheus prometheus, Timeline timeline) {
        this.shop = shop;
        this.prometheus = prometheus;
        this.timeline = timeline;
    }

    /** Scrapes and reports new transitions; at most every 500 ms. */
    void poll() throws InterruptedException {
        if (System.nanoTime() < nextPollNanos) {
            return;
        }
        nextPollNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        String body;
        try {
            body = prometheus.scrape();
        } catch (IOException e) {
            timeline.event("Prometheus scrape failed: " + e);
            return;
        }
        Map<String, Map<String, Integer>> now = new HashMap<>();
        for (Map.Entry<String, Double> sample :
                Prometheus.samples(body, "courier_circuit_transitions_total").entrySet()) {
            String instance = shop.inventoryInstance(label(sample.getKey(), "instance"));
            now.computeIfAbsent(instance, key -> new HashMap<>())
                    .merge(label(sample.getKey(), "state"), sample.getValue().intValue(), Integer::sum);
        }
        now.forEach(this::replay);
    }

    private void replay(String instance, Map<String, Integer> counts) {
        Map<String, Integer> before = seen.computeIfAbsent(instance, key -> new HashMap<>());
        Map<String, Integer> fresh = new HashMap<>();
        counts.forEach((state, count) -> fresh.put(state, count - before.getOrDefault(state, 0)));
        before.putAll(counts);
        String state = state(instance);
        while (fresh.values().stream().anyMatch(count -> count > 0)) {
            String next =
                    switch (state) {
                        case CLOSED -> OPEN;
                        case OPEN -> HALF_OPEN;
                        // From half-open: open again while reopenings are left, else closed.
                        default -> fresh.getOrDefault(OPEN, 0) > 0 ? OPEN : CLOSED;
                    };
            if (fresh.getOrDefault(next, 0) <= 0) {
                break; // a transition the scrape has not caught up with yet
            }
            fresh.merge(next, -1, Integer::sum);
            state = next;
            timeline.event(
                    "circuit of order-service -> " + instance + ": " + next + " (from " + shop.prometheusUrl + ")");
        }
        states.put(instance, state);
    }

    /** The state of {@code instance}'s circuit as last seen; {@code CLOSED} before any transition. */
    String state(String instance) {
        return states.getOrDefault(instance, CLOSED);
    }

    /** Whether {@code instance}'s circuit opened at least once and was closed when last seen. */
    boolean endedClosed(String instance) {
        return seen.getOrDefault(instance, Map.of()).getOrDefault(OPEN, 0) > 0 && CLOSED.equals(state(instance));
    }

    private static String label(String labels, String name) {
        int start = labels.indexOf(name + "=\"");
        if (start < 0) {
            return "?";
        }
        start += name.length() + 2;
        return labels.substring(start, labels.indexOf('"', start));
    }
}
