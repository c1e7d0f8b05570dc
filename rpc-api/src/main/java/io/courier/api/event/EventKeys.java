package io.courier.api.event;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * The broker-independent event keys (the Kafka engine's are in rpc-events-kafka), registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}.
 */
public final class EventKeys implements ConfigKeyCatalog {

    /** The {@link EventBrokerFactory} extension name {@link EventBrokers#open} uses. */
    public static final ConfigKey<String> BROKER = ConfigKey.of(
            "courier.events.broker",
            ValueType.extensionName(),
            "embedded",
            "embedded",
            "The event broker: `embedded` starts a single-node Kafka (KRaft) in-process for development"
                    + " (rpc-events-kafka-embedded), `kafka` connects to the cluster in"
                    + " courier.events.kafka.bootstrap-servers, `nats` to the NATS JetStream servers in"
                    + " courier.events.nats.servers (rpc-events-nats), `amqp` to the RabbitMQ in"
                    + " courier.events.amqp.uri (rpc-events-rabbitmq) (docs/events.md).");

    /** The serializer publishers write events with, whatever the broker. */
    public static final ConfigKey<String> SERIALIZER = ConfigKey.of(
            "courier.events.serializer",
            ValueType.extensionName(),
            "json",
            "json",
            "The Courier serializer publishers write events with: `json` (the default) is the CloudEvents data any"
                    + " language reads; its name travels in each event's headers, so subscribers read what each event"
                    + " was written with (docs/events.md says which to choose).");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(BROKER, SERIALIZER);
    }
}
