package io.courier.events.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pulling again (what a subscription does when its client reconnects) binds to the consumers it had,
 * asking JetStream nothing: after a cluster node leaves, a consumer it led answers no request until the
 * others elect a leader, and looking every partition up again, one 10 s timeout after another, held
 * back the partitions that had a leader (a three-node test waited over 90 s for its last events). A
 * consumer deleted under a running subscription (JetStream ends its pulls with 409 "Consumer Deleted") is
 * created again from {@code startFrom}, and the pulls, bound to it by name, go on on it. A core NATS subscriber on {@code $JS.API.CONSUMER.INFO.>} sees every lookup the broker makes.
 */
@Timeout(120)
class NatsPullAgainTest {

    private static final String TOPIC = "pull.again";
    private static final int PARTITIONS = 4;

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Test
    void pullingAgain_asksJetStreamNothing_andTheEventsFlowOn() throws Exception {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        List<String> lookups = new CopyOnWriteArrayList<>();
        Set<String> sentinels = ConcurrentHashMap.newKeySet();
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", nats.settings()));
                Connection spy = Nats.connect(nats.settings().get("courier.events.nats.servers"))) {
            // one dispatcher, so the sentinel comes after every lookup the server saw before it
            Dispatcher watching = spy.createDispatcher();
            watching.subscribe("$JS.API.CONSUMER.INFO.>", message -> lookups.add(message.getSubject()));
            watching.subscribe("courier.test.sentinel", message -> sentinels.add(new String(message.getData())));
            spy.flush(Duration.ofSeconds(5));

            EventPublisher<String> publisher = broker.publisher(TOPIC, String.class);
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder(TOPIC, "depot", String.class).build(),
                    event -> handled.add(event.payload()));
            publishAndAwait(publisher, handled, "before");
            assertThat(lookups)
                    .as("the subscription's first start looks its consumers up")
                    .isNotEmpty();
            lookups.clear();

            ((NatsSubscription) subscription).pullAgain();
            spy.publish("courier.test.sentinel", "after pulling again".getBytes());
            await().atMost(Duration.ofSeconds(10)).until(() -> sentinels.contains("after pulling again"));

            assertThat(lookups).as("consumer lookups while pulling again").isEmpty();
            publishAndAwait(publisher, handled, "after");
        }
    }

    @Test
    void aConsumerDeletedUnderARunningSubscription_isCreatedAgain_andTheEventsFlowOn() throws Exception {
        String topic = TOPIC + ".deleted";
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", nats.settings()));
                Connection admin = Nats.connect(nats.settings().get("courier.events.nats.servers"))) {
            EventPublisher<String> publisher = broker.publisher(topic, String.class);
            broker.subscribe(
                    SubscriptionOptions.builder(topic, "depot", String.class).build(),
                    event -> handled.add(event.payload()));
            publishAndAwait(publisher, handled, "before");

            JetStreamManagement management = admin.jetStreamManagement();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                management.deleteConsumer(NatsNames.stream(topic), NatsNames.durable("depot", partition));
            }
            // created again from startFrom (the earliest event, the default: the group reads the topic again)
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            management.getConsumerNames(NatsNames.stream(topic)).size() == PARTITIONS);

            publishAndAwait(publisher, handled, "after");
        }
    }

    /** Publishes one event to each of the four partitions' keys and waits until all are handled. */
    private static void publishAndAwait(EventPublisher<String> publisher, Set<String> handled, String label)
            throws Exception {
        for (int key = 0; key < 8; key++) {
            publisher.publish("k" + key, label + key).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> handled.containsAll(java.util.stream.IntStream.range(0, 8)
                        .mapToObj(key -> label + key)
                        .toList()));
    }
}
