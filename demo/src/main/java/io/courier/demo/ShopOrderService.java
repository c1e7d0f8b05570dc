package io.courier.demo;

import io.courier.api.ErrorCode;
import io.courier.api.Export;
import io.courier.api.Reference;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The order service: a provider that is itself a consumer. Each order looks the user up and
 * reserves stock; the call tag of the incoming request (e.g. {@code canary}) follows both calls.
 */
@Export
public final class ShopOrderService implements OrderService {

    /**
     * A tag no instance carries: a call with it falls back to the untagged (stable) instances. Used
     * to move a reservation off the canary when its circuit is open.
     */
    static final String STABLE = "stable";

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
        return new Order(ids.incrementAndGet(), user.name(), sku, quantity, reservation.instance());
    }

    /**
     * Reserves stock. A canary-tagged call whose canary circuit is open fails fast with
     * {@code CIRCUIT_OPEN} (not executed), since tag routing keeps it on the canary; it is sent once
     * more with {@link #STABLE}, which no instance has, so it lands on the stable instance.
     */
    private Reservation reserve(String sku, int quantity) {
        long start = System.nanoTime();
        try {
            return inventory.reserve(sku, quantity);
        } catch (RpcException e) {
            if (e.code() != ErrorCode.CIRCUIT_OPEN) {
                throw e;
            }
            stats.count(ShopReport.REROUTED);
            RpcContext.current().setTag(STABLE);
            try {
                return inventory.reserve(sku, quantity);
            } finally {
                RpcContext.current().setTag(null);
            }
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

    /** Orders this instance placed. */
    long placed() {
        return placed.sum();
    }

    /** {@link #orderCount} calls this instance executed (those the rate limiter let through). */
    long counted() {
        return counted.sum();
    }
}
