package io.courier.demo;

import io.courier.api.Export;
import io.courier.api.Reference;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The order service: a provider that is itself a consumer. Each order looks the user up and
 * reserves stock; the call tag of the incoming request (e.g. {@code canary}) follows both calls.
 * Once {@link #announceOn} connected it to the shop's events, an order is placed only when its
 * {@link OrderPlaced} event is stored on the broker: a caller told "placed" can count on every
 * subscriber hearing of it.
 */
@Export
public final class ShopOrderService implements OrderService {

    @Reference(timeoutMillis = 5_000)
    private UserService users;

    @Reference(timeoutMillis = 5_000)
    private InventoryService inventory;

    /** How long an order waits for the broker's acknowledgement of its event. */
    static final long PUBLISH_TIMEOUT_SECONDS = 10;

    private final String instance;
    private final ShopStats stats;
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder placed = new LongAdder();
    private final LongAdder counted = new LongAdder();
    private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** The watchers of {@link #orderEvents}; closed with the shop. */
    final OrderFeed events = new OrderFeed();
    /** Where orders are announced; none until {@link #announceOn} (the single-service image has none). */
    private volatile EventPublisher<OrderPlaced> announcements;
    /** The orders whose {@link OrderPlaced} event the broker acknowledged. */
    private final Set<Long> announced = ConcurrentHashMap.newKeySet();

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
        Order order;
        CompletableFuture<PublishReceipt> stored = null;
        // One lock for the id and the events, so a user's events arrive in the order of the ids.
        synchronized (events) {
            order = new Order(ids.incrementAndGet(), user.name(), sku, quantity, reservation.instance());
            events.placed(userId, order);
            EventPublisher<OrderPlaced> publisher = announcements;
            if (publisher != null) {
                // keyed by the user: each subscriber gets one user's orders in the order of their ids
                stored = publisher.publish(
                        Long.toString(userId), new OrderPlaced(order.id(), userId, user.name(), sku, quantity));
            }
        }
        if (stored != null) {
            awaitStored(order, stored);
        }
        return order;
    }

    /** Waits (outside the lock) until the broker acknowledged the order's event. */
    private void awaitStored(Order order, CompletableFuture<PublishReceipt> stored) {
        try {
            stored.get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            announced.add(order.id());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("order " + order.id() + " is not placed: its OrderPlaced event was not"
                    + " acknowledged within " + PUBLISH_TIMEOUT_SECONDS + " s (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while order " + order.id() + " was announced", e);
        }
    }

    /** From now on, every order is published on {@code publisher} before it counts as placed. */
    void announceOn(EventPublisher<OrderPlaced> publisher) {
        this.announcements = publisher;
    }

    /** The ids of the orders whose {@link OrderPlaced} event the broker acknowledged. */
    Set<Long> announced() {
        return Set.copyOf(announced);
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
