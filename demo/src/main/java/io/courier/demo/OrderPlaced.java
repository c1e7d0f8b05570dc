package io.courier.demo;

/**
 * The event order-service publishes on {@value #TOPIC} for every order it places, keyed by the user
 * (so one user's orders reach each subscriber in order). A record, written with hessian, the events'
 * default serializer.
 *
 * @param orderId the order's id
 * @param userId who placed it
 * @param customer the user's name
 * @param sku what was ordered
 * @param quantity how many
 */
public record OrderPlaced(long orderId, long userId, String customer, String sku, int quantity) {

    /** The topic of the shop's orders. */
    public static final String TOPIC = "shop.orders";
}
