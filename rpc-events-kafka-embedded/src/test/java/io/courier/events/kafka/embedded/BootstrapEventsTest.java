package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.Event;
import io.courier.api.event.Subscribe;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An application's exported bean subscribes with {@code @Subscribe}; the default broker is the embedded Kafka. */
@Timeout(90)
class BootstrapEventsTest {

    public interface Inventory {
        int reserved();
    }

    public static final class InventoryService implements Inventory {
        final List<Event<OrderPlaced>> orders = new CopyOnWriteArrayList<>();

        @Override
        public int reserved() {
            return orders.size();
        }

        @Subscribe(topic = "placed", group = "inventory", concurrency = 2)
        public void on(Event<OrderPlaced> order) {
            orders.add(order);
        }
    }

    @Test
    void exportedBeansSubscribeMethods_receiveTheApplicationsEvents_untilItCloses() throws Exception {
        InventoryService inventory = new InventoryService();
        Courier app = Courier.builder()
                .application("shop")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(inventory)
                .start();
        try (app) {
            app.events()
                    .publisher("placed", OrderPlaced.class)
                    .publish("alice", new OrderPlaced("o-1", "alice", 1, 4200))
                    .get();
            await().atMost(Duration.ofSeconds(45)).until(() -> inventory.reserved() == 1);
            assertThat(inventory.orders.get(0).source()).isEqualTo("shop");
            assertThat(inventory.orders.get(0).payload().orderId()).isEqualTo("o-1");
        }
        assertThatThrownBy(app::events).isInstanceOf(IllegalStateException.class);
    }
}
