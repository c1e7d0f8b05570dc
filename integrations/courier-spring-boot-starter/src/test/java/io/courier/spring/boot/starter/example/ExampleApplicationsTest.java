package io.courier.spring.boot.starter.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.RpcException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The example of docs/spring-boot.md runs as written: two applications, one registry, one call path. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExampleApplicationsTest {

    @Test
    void ordersApplication_reservesStockThroughTheStockApplication() {
        try (ConfigurableApplicationContext stock = new SpringApplicationBuilder(StockApplication.class)
                        .profiles("stock")
                        .run();
                ConfigurableApplicationContext orders = new SpringApplicationBuilder(OrdersApplication.class)
                        .profiles("orders")
                        .run()) {
            OrderDesk desk = orders.getBean(OrderDesk.class);

            await().atMost(Duration.ofSeconds(20))
                    .ignoreException(RpcException.class)
                    .until(() -> desk.order("apple", 2));
            assertThat(desk.order("pear", 5)).isFalse();
            assertThat(stock.getBean(InMemoryStock.class).available("apple")).isEqualTo(8);
        }
    }
}
