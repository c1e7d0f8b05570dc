package io.courier.spring.boot.starter.example;

import java.util.concurrent.CompletableFuture;

/** The service contract both applications share: a plain Java interface. */
public interface StockService {

    /** Units of {@code sku} on hand. */
    int available(String sku);

    /** Reserves {@code units} of {@code sku}; answers the units left, asynchronously. */
    CompletableFuture<Integer> reserve(String sku, int units);
}
