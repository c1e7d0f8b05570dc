package io.courier.demo;

/** A placed order; a plain value class, serialized by protostuff. */
public final class Order {

    private long id;
    private String customer;
    private String sku;
    private int quantity;
    private String reservedBy;

    /** For the serializer. */
    public Order() {}

    public Order(long id, String customer, String sku, int quantity, String reservedBy) {
        this.id = id;
        this.customer = customer;
        this.sku = sku;
        this.quantity = quantity;
        this.reservedBy = reservedBy;
    }

    public long id() {
        return id;
    }

    public String customer() {
        return customer;
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    /** The inventory instance that reserved the stock: shows where canary traffic went. */
    public String reservedBy() {
        return reservedBy;
    }

    @Override
    public String toString() {
        return "Order(" + id + ", " + customer + ", " + quantity + " x " + sku + ", reserved by " + reservedBy + ")";
    }
}
