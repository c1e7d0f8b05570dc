package io.courier.events.kafka.embedded;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokerFactory;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.events.kafka.KafkaEventKeys;
import io.courier.events.kafka.KafkaSettings;
import io.courier.spi.Extension;
import java.util.Map;

/**
 * The {@code embedded} broker (the default of {@code courier.events.broker}): starts an {@link
 * EmbeddedKafka} and returns a {@link KafkaEventBroker} on it, configured by the other {@code
 * courier.events.kafka.*} keys except the servers and the replication factor; closing the broker
 * stops the Kafka server and deletes its data.
 */
@Extension("embedded")
public final class EmbeddedKafkaBrokerFactory implements EventBrokerFactory {

    @Override
    public EventBroker create(EventBrokerContext context) {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            KafkaSettings settings = KafkaSettings.from(context.with(Map.of(
                    KafkaEventKeys.BOOTSTRAP_SERVERS.name(),
                    kafka.bootstrapServers(),
                    KafkaEventKeys.REPLICATION_FACTOR.name(),
                    "1")));
            return KafkaEventBroker.builder(settings)
                    .sharedObjectsOf(context)
                    .closedAfter(kafka)
                    .build();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }
}
