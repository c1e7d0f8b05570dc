package io.courier.demo;

import io.courier.api.Export;
import io.opentelemetry.api.trace.Span;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One inventory instance. The demo can make it slow, to show a circuit breaker at work. */
@Export
public final class WarehouseInventory implements InventoryService {

    private final String instance;
    private final AtomicLong delayMillis = new AtomicLong();
    private final LongAdder served = new LongAdder();
    private final LongAdder picked = new LongAdder();

    public WarehouseInventory(String instance) {
        this.instance = instance;
    }

    @Override
    public Reservation reserve(String sku, int quantity) {
        served.increment();
        Span.current().setAttribute("shop.instance", instance);
        long delay = delayMillis.get();
        if (delay > 0) {
            try {
                // A slow dependency of this instance (a lock, a disk, a GC pause) in miniature.
                TimeUnit.MILLISECONDS.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Reservation(sku, quantity, instance);
    }

    /** Makes every following call take {@code millis} longer; 0 makes it fast again. */
    void slowDown(long millis) {
        delayMillis.set(millis);
    }

    /**
     * The effect of an {@link OrderPlaced} event on this instance: the reserved items are picked for
     * shipping. The shop subscribes it in code, both instances in one consumer group.
     */
    void pick(OrderPlaced order) {
        picked.increment();
    }

    /** Orders this instance picked. */
    long picked() {
        return picked.sum();
    }

    /** Calls this instance executed. */
    long served() {
        return served.sum();
    }

    String instance() {
        return instance;
    }
}
