package io.courier.events.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A group's queue deleted under a running subscription (as an operator's {@code rabbitmqctl
 * delete_queue} does) is declared again and consumed under the same consumer, and events flow on;
 * publishes while no queue was bound are refused to their publishers. The consumer made again
 * pauses and resumes as the first did.
 */
@Timeout(90)
class RabbitQueueDeletedTest {

    @RegisterExtension
    static final RabbitContractServer rabbit = new RabbitContractServer();

    @Test
    void aQueueDeletedUnderARunningSubscription_isDeclaredAgain_andTheEventsFlowOn() throws Exception {
        String topic = "deleted.parcels";
        String queue = Topology.queue(topic, "sorter");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(rabbit.settings().get("courier.events.amqp.uri"));
        try (EventBroker broker = EventBrokers.open(EventBrokerContext.of("depot", rabbit.settings()));
                Connection operator = factory.newConnection("operator");
                Channel channel = operator.createChannel()) {
            EventPublisher<String> publisher = broker.publisher(topic, String.class);
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder(topic, "sorter", String.class).build(),
                    event -> handled.add(event.payload()));
            publisher.publish("before", "before").get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("before"));

            channel.queueDelete(queue);

            // bounded: the member declares the queue again within a second or so of the deletion
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try {
                            publisher.publish("after", "after").get(10, TimeUnit.SECONDS);
                            return true;
                        } catch (java.util.concurrent.ExecutionException refused) {
                            return false; // no queue bound yet: the publish was returned, not lost in silence
                        }
                    });
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("after"));
            assertThat(channel.queueDeclarePassive(queue).getConsumerCount())
                    .as("consumers of the declared-again queue")
                    .isEqualTo(1);

            // the consumer made again is the subscription's own: a pause cancels it, a resume consumes again
            subscription.pause();
            assertThat(channel.queueDeclarePassive(queue).getConsumerCount()).isZero();
            publisher.publish("paused", "paused").get(10, TimeUnit.SECONDS);
            subscription.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("paused"));
        }
    }
}
