package io.courier.spring.boot.starter.example;

import io.courier.api.Export;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/** The provider's implementation: an ordinary Spring bean, exported because its class carries {@code @Export}. */
@Export
@Service
public class InMemoryStock implements StockService {

    private final Map<String, Integer> units = new ConcurrentHashMap<>(Map.of("apple", 10, "pear", 3));

    @Override
    public int available(String sku) {
        return units.getOrDefault(sku, 0);
    }

    @Override
    public CompletableFuture<Integer> reserve(String sku, int count) {
        return CompletableFuture.completedFuture(units.merge(sku, -count, Integer::sum));
    }
}
