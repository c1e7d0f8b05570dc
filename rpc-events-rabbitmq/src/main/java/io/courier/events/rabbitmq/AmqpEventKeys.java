package io.courier.events.rabbitmq;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * rpc-events-rabbitmq's configuration keys, declared to the {@link io.courier.api.config.ConfigKeyRegistry}
 * (registered in {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}). Read once, when
 * the broker is created.
 */
public final class AmqpEventKeys implements ConfigKeyCatalog {

    /** The broker's AMQP URI. */
    public static final ConfigKey<String> URI = ConfigKey.of(
            "courier.events.amqp.uri",
            ValueType.secretText(),
            "amqp://guest:guest@127.0.0.1:5672",
            "amqp://guest:guest@127.0.0.1:5672",
            "The RabbitMQ broker, as an AMQP URI with the user, password and virtual host (none: `/`;"
                    + " `/vhost` after the port for another; `amqps://` for TLS); it holds the password, so it is shown masked.");
    /** The queues' type. */
    public static final ConfigKey<String> QUEUE_TYPE = ConfigKey.of(
            "courier.events.amqp.queue-type",
            ValueType.choice("quorum", "classic"),
            "quorum",
            "quorum",
            "The type of the queue Courier declares per topic and group: `quorum` (replicated, with a"
                    + " delivery limit) or `classic`; an existing queue is left as it is.");
    /** The quorum queues' delivery limit. */
    public static final ConfigKey<Integer> MAX_DELIVER = ConfigKey.of(
            "courier.events.amqp.max-deliver",
            ValueType.integer(2, 1_000),
            5,
            "5",
            "How many times one event may be delivered to a group: at its last delivery an event whose"
                    + " subscribers crashed on it goes to the dead-letter topic instead of the handler, and a"
                    + " quorum queue dead-letters one delivered more often itself (`x-delivery-limit`).");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(URI, QUEUE_TYPE, MAX_DELIVER);
    }
}
