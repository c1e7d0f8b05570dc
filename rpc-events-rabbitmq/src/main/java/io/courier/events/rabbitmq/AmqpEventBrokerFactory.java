package io.courier.events.rabbitmq;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokerFactory;
import io.courier.spi.Extension;

/**
 * The {@code amqp} broker: an {@link AmqpEventBroker} on the RabbitMQ {@code courier.events.amqp.uri}
 * names, configured by {@link AmqpEventKeys}, tracing with the application's own OpenTelemetry
 * ({@link EventBrokerContext#shared}).
 */
@Extension("amqp")
public final class AmqpEventBrokerFactory implements EventBrokerFactory {

    @Override
    public EventBroker create(EventBrokerContext context) {
        return AmqpEventBroker.create(context);
    }
}
