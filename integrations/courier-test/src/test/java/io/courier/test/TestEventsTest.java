package io.courier.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.Event;
import io.courier.test.fixtures.OrderPlaced;
import io.courier.test.fixtures.Shipping;
import io.courier.test.fixtures.Warehouse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @CourierTest(events = true)}: the run's embedded Kafka, a provided bean's subscriber, and {@link TestEvents}. */
@CourierTest(events = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TestEventsTest {

    @Provide
    Warehouse warehouse = new Warehouse();

    @Test
    void providedBeansSubscriber_handlesWhatTheTestPublishes_andAwaitFindsTheEvent(TestEvents events, Shipping shipping)
            throws Exception {
        events.publisher("kit-orders", OrderPlaced.class)
                .publish("alice", new OrderPlaced("o-1", "alice"))
                .get(30, TimeUnit.SECONDS);

        Event<OrderPlaced> event = events.await(
                "kit-orders", OrderPlaced.class, order -> order.orderId().equals("o-1"), Duration.ofSeconds(30));

        assertThat(event.payload().customer()).isEqualTo("alice");
        assertThat(event.source()).isEqualTo("courier-test-consumer");
        await().atMost(Duration.ofSeconds(30)).until(() -> shipping.shipped() == 1);
    }

    @Test
    void await_isBounded_andSaysWhatItWaitedFor(TestEvents events) throws Exception {
        events.publisher("kit-returns", OrderPlaced.class)
                .publish("bob", new OrderPlaced("o-2", "bob"))
                .get(30, TimeUnit.SECONDS);
        assertThat(events.await("kit-returns", OrderPlaced.class, order -> true, Duration.ofSeconds(30))
                        .payload()
                        .orderId())
                .isEqualTo("o-2");

        long started = System.nanoTime();
        assertThatThrownBy(() -> events.await(
                        "kit-returns",
                        OrderPlaced.class,
                        order -> order.orderId().equals("never"),
                        Duration.ofSeconds(2)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no matching event on topic 'kit-returns' within PT2S (1 other event(s)");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> events.await("kit-returns", String.class, text -> true, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type java.lang.String (expected: " + OrderPlaced.class.getName());
        assertThatThrownBy(() -> events.await("kit-returns", OrderPlaced.class, order -> true, Duration.ZERO))
                .hasMessage("timeout: PT0S (expected: > 0)");
    }
}
