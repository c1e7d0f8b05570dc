package io.courier.demo;

import io.courier.api.event.BoundedProcessedEvents;
import io.courier.api.event.EventHandler;
import io.courier.api.event.IdempotentHandler;
import io.courier.api.event.ProcessedEvents;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What one subscribing service did with the {@link OrderPlaced} events: how many deliveries reached
 * it, and its effects per order. Its handler is de-duplicated by event id ({@link IdempotentHandler}
 * over a {@link BoundedProcessedEvents} of {@value #WINDOW_EVENTS} ids for {@value
 * #WINDOW_MINUTES} minutes), so a redelivered event (a rebalance between the service's instances,
 * a commit lost) is skipped. One ledger stands for the service's own database: its instances share
 * it, as they would share a table of processed event ids. Thread-safe.
 */
final class SubscriberLedger {

    static final int WINDOW_EVENTS = 100_000;
    static final int WINDOW_MINUTES = 10;

    private final String service;
    private final ProcessedEvents processed =
            BoundedProcessedEvents.of(WINDOW_EVENTS, Duration.ofMinutes(WINDOW_MINUTES));
    private final LongAdder deliveries = new LongAdder();
    private final Map<Long, AtomicInteger> effects = new ConcurrentHashMap<>();

    SubscriberLedger(String service) {
        this.service = service;
    }

    /**
     * A handler for one instance of the service, whose effect of an order is {@code effect}: it counts
     * the delivery, then has the effect unless the ledger holds the event's id.
     */
    EventHandler<OrderPlaced> handler(Consumer<OrderPlaced> effect) {
        EventHandler<OrderPlaced> once = IdempotentHandler.of(
                event -> {
                    effect.accept(event.payload());
                    effects.computeIfAbsent(event.payload().orderId(), id -> new AtomicInteger())
                            .incrementAndGet();
                },
                processed);
        return event -> {
            deliveries.increment();
            once.handle(event);
        };
    }

    String service() {
        return service;
    }

    /** Events handed to this service, redeliveries included. */
    long deliveries() {
        return deliveries.sum();
    }

    /** Orders whose effect happened at least once. */
    int ordersHandled() {
        return effects.size();
    }

    /** Whether every order in {@code orders} has had its effect. */
    boolean covers(Set<Long> orders) {
        return effects.keySet().containsAll(orders);
    }

    /**
     * How {@code orders} (the orders whose events were acknowledged) compare with the effects:
     * empty when each had exactly one effect and nothing else had any, else what differs.
     */
    String discrepancies(Set<Long> orders) {
        long missing = orders.stream().filter(id -> !effects.containsKey(id)).count();
        long twice = effects.values().stream().filter(count -> count.get() > 1).count();
        long unknown =
                effects.keySet().stream().filter(id -> !orders.contains(id)).count();
        StringBuilder out = new StringBuilder();
        if (missing > 0) {
            out.append(missing).append(" orders never handled; ");
        }
        if (twice > 0) {
            out.append(twice).append(" orders handled more than once; ");
        }
        if (unknown > 0) {
            out.append(unknown).append(" events of orders not acknowledged; ");
        }
        return out.isEmpty() ? "" : service + ": " + out.substring(0, out.length() - 2);
    }
}
