package io.courier.demo;

/**
 * The event order-service publishes on {@value #TOPIC} for every order it places, keyed by the user
 * (so one user's orders reach each subscriber in order). A record, written as JSON, the events'
 * default serializer, in a CloudEvent (docs/events.md, "The envelope").
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
