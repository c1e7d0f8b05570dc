package io.courier.events.nats;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokerFactory;
import io.courier.spi.Extension;

/**
 * The {@code nats} broker: a {@link NatsEventBroker} on the JetStream servers {@code
 * courier.events.nats.servers} names, configured by {@link NatsEventKeys}, tracing with the
 * application's own OpenTelemetry ({@link EventBrokerContext#shared}).
 */
@Extension("nats")
public final class NatsEventBrokerFactory implements EventBrokerFactory {

    @Override
    public EventBroker create(EventBrokerContext context) {
        return NatsEventBroker.create(context);
    }
}
