package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.Event;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.PublishReceipt;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class EmbeddedKafkaStartTest {

    @Test
    void embeddedBroker_isTheDefault_andCarriesAnEventWithItsEnvelope() throws Exception {
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("shop", Map.of()))) {
            List<Event<OrderPlaced>> received = new CopyOnWriteArrayList<>();
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder("orders", "inventory", OrderPlaced.class)
                            .build(),
                    received::add);
            PublishReceipt receipt = broker.publisher("orders", OrderPlaced.class)
                    .publish("alice", new OrderPlaced("o-1", "alice", 1, 4200))
                    .get();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 1);
            Event<OrderPlaced> event = received.get(0);
            assertThat(event.payload()).isEqualTo(new OrderPlaced("o-1", "alice", 1, 4200));
            assertThat(event.id()).isEqualTo(receipt.eventId());
            assertThat(event.source()).isEqualTo("shop");
            assertThat(event.key()).isEqualTo("alice");
            assertThat(event.type()).isEqualTo(OrderPlaced.class.getName());
            assertThat(event.position()).isEqualTo(receipt.position());
            assertThat(subscription.close(Duration.ofSeconds(20))).isTrue();
        }
    }
}
