package io.courier.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.event.Event;
import io.courier.test.CourierTest;
import io.courier.test.TestEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@CourierTest(events = true)
class OrderEventsTest {

    public record OrderPlaced(String orderId, String customer) {}

    @Test
    void placedOrder_isOnTheTopic(TestEvents events) throws Exception {
        events.publisher("orders", OrderPlaced.class)
                .publish("ada", new OrderPlaced("o-1", "ada"))
                .join();

        Event<OrderPlaced> event = events.await(
                "orders", OrderPlaced.class, order -> order.orderId().equals("o-1"), Duration.ofSeconds(30));

        assertThat(event.payload().customer()).isEqualTo("ada");
    }
}
