package io.courier.events.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.BrokerSnapshot;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The NATS broker's snapshot against the module's nats-server: the topic's stream with its events kept
 * and written, the dead-letter stream with the event the handler refused, the group's consumers with
 * no lag once all is handled and with the events published while paused as lag, the local counts, and
 * what JetStream does not tell said in words; a timeout spent before JetStream answers keeps the local part.
 */
@Timeout(60)
class NatsSnapshotTest {

    @RegisterExtension
    static final NatsContractServer nats = new NatsContractServer();

    @Test
    void showsStreamsConsumersLagAndDeadLetters() throws Exception {
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", nats.settings()))) {
            EventPublisher<String> publisher = broker.publisher("snap.parcels", String.class);
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder("snap.parcels", "sorter", String.class)
                            .build(),
                    event -> {
                        if (event.payload().equals("poison")) {
                            throw new UnprocessableEventException("not a parcel");
                        }
                    });
            for (String payload : new String[] {"a", "b", "c", "d", "poison"}) {
                publisher.publish(payload, payload).get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                BrokerSnapshot snapshot = broker.snapshot(Duration.ofSeconds(5));
                BrokerSnapshot.Group group = snapshot.subscriptions().get(0);
                assertThat(group.handled()).isEqualTo(4);
                assertThat(group.deadLettered()).isEqualTo(1);
                assertThat(group.partitions()).hasSize(4);
                assertThat(group.lag()).isZero();
            });
            BrokerSnapshot done = broker.snapshot(Duration.ofSeconds(5));
            assertThat(done.error()).isEmpty();
            assertThat(done.broker()).startsWith("nats nats://127.0.0.1:");
            assertThat(done.notShown()).anySatisfy(line -> assertThat(line).contains("group state and members"));
            assertThat(done.topics())
                    .extracting(
                            BrokerSnapshot.Topic::name,
                            BrokerSnapshot.Topic::deadLetter,
                            BrokerSnapshot.Topic::retained)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("snap.parcels", false, 5L),
                            org.assertj.core.groups.Tuple.tuple("snap.parcels.dlt", true, 1L));
            assertThat(done.topics().get(0).written()).isEqualTo(5);
            assertThat(done.topics().get(0).partitions()).hasSize(4);
            BrokerSnapshot.Group group = done.subscriptions().get(0);
            assertThat(group.deadLetterTopic()).isEqualTo("snap.parcels.dlt");
            assertThat(group.partitions())
                    .allSatisfy(p -> assertThat(p.endOffset()).isEqualTo(6));

            subscription.pause();
            for (String payload : new String[] {"e", "f", "g"}) {
                publisher.publish(payload, payload).get(10, TimeUnit.SECONDS);
            }
            BrokerSnapshot paused = broker.snapshot(Duration.ofSeconds(5));
            assertThat(paused.subscriptions().get(0).paused()).isTrue();
            assertThat(paused.subscriptions().get(0).lag()).isEqualTo(3);
            assertThat(paused.topics().get(0).retained()).isEqualTo(8);

            BrokerSnapshot late = broker.snapshot(Duration.ZERO);
            assertThat(late.error())
                    .startsWith("JetStream did not answer within 0 ms (connection CONNECTED, to nats://127.0.0.1:");
            assertThat(late.topics()).isEmpty();
            assertThat(late.subscriptions().get(0).handled()).isEqualTo(4);
        }
    }
}
