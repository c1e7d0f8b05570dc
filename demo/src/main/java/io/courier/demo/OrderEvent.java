package io.courier.demo;

/**
 * One message of {@link OrderService#orderEvents}: first a {@link #SUBSCRIBED} event (the provider
 * is now watching), then a {@link #PLACED} event per order of the watched user. A plain value class,
 * serialized by protostuff.
 */
public final class OrderEvent {

    /** The first event of every stream: from here on, no order of the user is missed. */
    public static final String SUBSCRIBED = "subscribed";
    /** An order was placed. */
    public static final String PLACED = "placed";

    private String type;
    private long userId;
    private long orderId;
    private String sku;
    private int quantity;

    /** For the serializer. */
    public OrderEvent() {}

    private OrderEvent(String type, long userId, long orderId, String sku, int quantity) {
        this.type = type;
        this.userId = userId;
        this.orderId = orderId;
        this.sku = sku;
        this.quantity = quantity;
    }

    static OrderEvent subscribed(long userId) {
        return new OrderEvent(SUBSCRIBED, userId, 0, null, 0);
    }

    static OrderEvent placed(long userId, Order order) {
        return new OrderEvent(PLACED, userId, order.id(), order.sku(), order.quantity());
    }

    public String type() {
        return type;
    }

    public long userId() {
        return userId;
    }

    /** The placed order's id; 0 for {@link #SUBSCRIBED}. */
    public long orderId() {
        return orderId;
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    @Override
    public String toString() {
        return PLACED.equals(type)
                ? "OrderEvent(placed " + orderId + ": user " + userId + ", " + quantity + " x " + sku + ")"
                : "OrderEvent(" + type + ", user " + userId + ")";
    }
}
