package io.courier.spring.boot.autoconfigure.events;

import io.courier.api.event.EventPublisher;
import io.courier.api.event.EventTopic;
import io.courier.api.event.PublishReceipt;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/** Publishes through a publisher injected into its constructor, and holds one injected into a field. */
@Service
public class Checkout {

    private final EventPublisher<OrderPlaced> orders;

    @EventTopic(EventsApplication.TOPIC)
    EventPublisher<OrderPlaced> fieldPublisher;

    public Checkout(@EventTopic(EventsApplication.TOPIC) EventPublisher<OrderPlaced> orders) {
        this.orders = orders;
    }

    public CompletableFuture<PublishReceipt> place(OrderPlaced order) {
        return orders.publish(order.orderId(), order);
    }

    public EventPublisher<OrderPlaced> constructorPublisher() {
        return orders;
    }

    public EventPublisher<OrderPlaced> fieldPublisher() {
        return fieldPublisher;
    }
}
