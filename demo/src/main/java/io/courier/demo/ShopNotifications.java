package io.courier.demo;

import io.courier.api.Export;
import io.courier.api.event.Event;
import io.courier.api.event.EventHandler;
import io.courier.api.event.Subscribe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notification service: an exported bean whose {@link Subscribe} method Courier subscribes when
 * it exports the bean (consumer group {@value #GROUP}). Each order placed sends its customer one
 * confirmation, de-duplicated through its {@link SubscriberLedger}.
 */
@Export
public final class ShopNotifications implements NotificationService {

    static final String GROUP = "notification-service";

    private final Map<Long, AtomicInteger> sent = new ConcurrentHashMap<>();
    final SubscriberLedger ledger = new SubscriberLedger(GROUP);
    private final EventHandler<OrderPlaced> handler = ledger.handler(this::confirm);

    /** One order placed: confirm it to its customer, unless this event was handled already. */
    @Subscribe(topic = OrderPlaced.TOPIC, group = GROUP)
    public void on(Event<OrderPlaced> event) throws Exception {
        handler.handle(event);
    }

    private void confirm(OrderPlaced order) {
        // An e-mail in a real shop; here a count per customer.
        sent.computeIfAbsent(order.userId(), id -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public int sent(long userId) {
        AtomicInteger count = sent.get(userId);
        return count == null ? 0 : count.get();
    }
}
