package io.courier.api.event;

import io.courier.spi.ExtensionPoint;

/**
 * Creates {@link EventBroker}s; an extension point, listed in {@code
 * META-INF/services/io.courier.api.event.EventBrokerFactory}. The extension name is the value of
 * {@code courier.events.broker}: {@code kafka} (rpc-events-kafka) for an external Kafka cluster,
 * {@code embedded} (rpc-events-kafka-embedded) for a single-node Kafka started in-process for
 * development and tests. Another broker plugs in with a factory of its own name.
 *
 * <p>Implementations are singletons (see {@link io.courier.spi.Extension}) and must be
 * thread-safe. The caller owns each returned broker and closes it.
 */
@ExtensionPoint(defaultName = "embedded")
public interface EventBrokerFactory {

    /**
     * A broker configured by {@code context}'s settings.
     *
     * @throws io.courier.api.config.ConfigValueException naming the key if a setting is invalid
     * @throws IllegalStateException if the broker cannot be started (the embedded one) or set up
     */
    EventBroker create(EventBrokerContext context);
}
