package io.courier.demo;

/** Stock set aside by one inventory instance; a plain value class, serialized by protostuff. */
public final class Reservation {

    private String sku;
    private int quantity;
    private String instance;

    /** For the serializer. */
    public Reservation() {}

    public Reservation(String sku, int quantity, String instance) {
        this.sku = sku;
        this.quantity = quantity;
        this.instance = instance;
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    /** The inventory instance that reserved the stock. */
    public String instance() {
        return instance;
    }
}
