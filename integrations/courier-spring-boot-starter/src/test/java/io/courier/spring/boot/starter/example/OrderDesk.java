package io.courier.spring.boot.starter.example;

import io.courier.api.Reference;
import org.springframework.stereotype.Service;

/** The consumer's bean: its constructor asks for a Courier reference as it would for any dependency. */
@Service
public class OrderDesk {

    private final StockService stock;

    public OrderDesk(@Reference(timeoutMillis = 1000) StockService stock) {
        this.stock = stock;
    }

    /** Reserves {@code units} of {@code sku} if that many are on hand; answers whether it did. */
    public boolean order(String sku, int units) {
        if (stock.available(sku) < units) {
            return false;
        }
        return stock.reserve(sku, units).join() >= 0;
    }
}
