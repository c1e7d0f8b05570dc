package io.courier.demo;

/** Takes orders: checks the user with the user service and reserves stock with the inventory service. */
public interface OrderService {

    /** Places an order for a known user. */
    Order placeOrder(long userId, String sku, int quantity) throws UserNotFoundException;

    /** How many orders the user placed; cheap, and rate limited on the provider (see the demo's config). */
    int orderCount(long userId);
}
