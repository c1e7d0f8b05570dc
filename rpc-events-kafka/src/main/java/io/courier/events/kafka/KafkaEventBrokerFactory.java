package io.courier.events.kafka;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokerFactory;
import io.courier.spi.Extension;

/**
 * The {@code kafka} broker: a {@link KafkaEventBroker} on the cluster {@code
 * courier.events.kafka.bootstrap-servers} names, configured by {@link KafkaEventKeys}, tracing and
 * metering with the application's own objects ({@link EventBrokerContext#shared}).
 */
@Extension("kafka")
public final class KafkaEventBrokerFactory implements EventBrokerFactory {

    @Override
    public EventBroker create(EventBrokerContext context) {
        return KafkaEventBroker.builder(KafkaSettings.from(context))
                .sharedObjectsOf(context)
                .build();
    }
}
