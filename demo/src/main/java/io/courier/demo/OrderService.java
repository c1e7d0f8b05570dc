package io.courier.demo;

import io.courier.examples.guide.UserNotFoundException;
import java.util.concurrent.Flow;

/** Takes orders: checks the user with the user service and reserves stock with the inventory service. */
public interface OrderService {

    /** Places an order for a known user. */
    Order placeOrder(long userId, String sku, int quantity) throws UserNotFoundException;

    /** How many orders the user placed; cheap, and rate limited on the provider (see the demo's config). */
    int orderCount(long userId);

    /**
     * The user's orders as they are placed: a server stream (docs/streaming.md). Each subscription
     * starts with an {@link OrderEvent#SUBSCRIBED} event, then carries one {@link OrderEvent#PLACED}
     * event per order of {@code userId}, in the order the provider placed them, until the subscriber
     * cancels. A subscriber that falls {@link OrderFeed#BUFFER} events behind is ended with an error
     * rather than buffered without bound.
     */
    Flow.Publisher<OrderEvent> orderEvents(long userId);
}
