package io.courier.events.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
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
 * The RabbitMQ broker's snapshot against the module's node, through AMQP alone: the group's queue with
 * its consumer and no depth once all is handled, the events published while paused as its depth, the
 * dead-letter topic keeping the event the handler refused, the local counts, and what AMQP does not
 * tell said in words; a timeout spent before RabbitMQ answers keeps the local part.
 */
@Timeout(60)
class RabbitSnapshotTest {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    @Test
    void showsQueuesDepthAndDeadLetters() throws Exception {
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", rabbit.settings()))) {
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
                BrokerSnapshot.Group group =
                        broker.snapshot(Duration.ofSeconds(5)).subscriptions().get(0);
                assertThat(group.handled()).isEqualTo(4);
                assertThat(group.deadLettered()).isEqualTo(1);
                assertThat(group.lag()).isZero();
            });
            BrokerSnapshot done = broker.snapshot(Duration.ofSeconds(5));
            assertThat(done.error()).isEmpty();
            assertThat(done.broker()).startsWith("amqp amqp://127.0.0.1:");
            assertThat(done.notShown()).anySatisfy(line -> assertThat(line).contains("not yet acknowledged"));
            assertThat(done.topics())
                    .extracting(
                            BrokerSnapshot.Topic::name,
                            BrokerSnapshot.Topic::deadLetter,
                            BrokerSnapshot.Topic::retained,
                            BrokerSnapshot.Topic::written)
                    .containsExactly(tuple("snap.parcels", false, -1L, -1L), tuple("snap.parcels.dlt", true, 1L, -1L));
            BrokerSnapshot.Group group = done.subscriptions().get(0);
            assertThat(group.members()).isEqualTo(1);
            assertThat(group.partitions()).singleElement().satisfies(queue -> {
                assertThat(queue.committedOffset()).isEqualTo(-1);
                assertThat(queue.endOffset()).isEqualTo(-1);
            });

            subscription.pause();
            for (String payload : new String[] {"e", "f", "g"}) {
                publisher.publish(payload, payload).get(10, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                BrokerSnapshot.Group paused =
                        broker.snapshot(Duration.ofSeconds(5)).subscriptions().get(0);
                assertThat(paused.paused()).isTrue();
                assertThat(paused.members()).isZero();
                assertThat(paused.lag()).isEqualTo(3);
            });

            BrokerSnapshot late = broker.snapshot(Duration.ZERO);
            assertThat(late.error()).isEqualTo("RabbitMQ did not answer within 0 ms");
            assertThat(late.topics()).isEmpty();
            assertThat(late.subscriptions().get(0).handled()).isEqualTo(4);
        }
    }
}
