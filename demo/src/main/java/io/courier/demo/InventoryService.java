package io.courier.demo;

/** The stock of the shop's warehouse; two instances run, one of them a canary release. */
public interface InventoryService {

    /** Sets {@code quantity} items of {@code sku} aside and says which instance did it. */
    Reservation reserve(String sku, int quantity);
}
