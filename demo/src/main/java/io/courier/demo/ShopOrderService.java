package io.courier.demo;

import io.courier.api.Export;
import io.courier.api.Reference;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The order service: a provider that is itself a consumer. Each order looks the user up and
 * reserves stock; the call tag of the incoming request (e.g. {@code canary}) follows both calls.
 */
@Export
public final class ShopOrderService implements OrderService {

    @Reference(timeoutMillis = 5_000)
    private UserService users;

    @Reference(timeoutMillis = 5_000)
    private InventoryService inventory;

    private final String instance;
    private final ShopStats stats;
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder placed = new LongAdder();
    private final LongAdder counted = new LongAdder();
    private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** The watchers of {@link #orderEvents}; closed with the shop. */
    final OrderFeed events = new OrderFeed();

    ShopOrderService(String instance, ShopStats stats) {
        this.instance = instance;
        this.stats = stats;
    }

    @Override
    public Order placeOrder(long userId, String sku, int quantity) throws UserNotFoundException {
        Span.current().setAttribute("shop.instance", instance);
        long start = System.nanoTime();
        User user = users.find(userId);
        stats.record(ShopStats.FIND_USER, start);
        Reservation reservation = reserve(sku, quantity);
        placed.increment();
        counts.computeIfAbsent(userId, id -> new AtomicInteger()).incrementAndGet();
        // One lock for the id and the event, so a user's events arrive in the order of the ids.
        synchronized (events) {
            Order order = new Order(ids.incrementAndGet(), user.name(), sku, quantity, reservation.instance());
            events.placed(userId, order);
            return order;
        }
    }

    /**
     * Reserves stock. A canary-tagged call goes to the canary; while the canary's circuit is open,
     * tag routing falls back to the untagged (stable) instance, so no reservation fails.
     */
    private Reservation reserve(String sku, int quantity) {
        long start = System.nanoTime();
        try {
            return inventory.reserve(sku, quantity);
        } finally {
            stats.record(ShopStats.RESERVE, start);
        }
    }

    @Override
    public int orderCount(long userId) {
        counted.increment();
        AtomicInteger count = counts.get(userId);
        return count == null ? 0 : count.get();
    }

    @Override
    public Flow.Publisher<OrderEvent> orderEvents(long userId) {
        return events.watch(userId);
    }

    /** Orders this instance placed. */
    long placed() {
        return placed.sum();
    }

    /** {@link #orderCount} calls this instance executed (those the rate limiter let through). */
    long counted() {
        return counted.sum();
    }
}
