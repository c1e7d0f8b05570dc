package io.courier.events.nats;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * rpc-events-nats's configuration keys, declared to the {@link io.courier.api.config.ConfigKeyRegistry}
 * (registered in {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}). Read once, when
 * the broker is created.
 */
public final class NatsEventKeys implements ConfigKeyCatalog {

    /** The NATS servers' URLs. */
    public static final ConfigKey<String> SERVERS = ConfigKey.of(
            "courier.events.nats.servers",
            ValueType.nonEmpty("nats://host:port[,nats://host:port]"),
            "nats://127.0.0.1:4222",
            "nats://127.0.0.1:4222",
            "The NATS servers (with JetStream enabled) the client connects to, comma-separated.");
    /** Partitions (subjects) per topic. */
    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.of(
            "courier.events.nats.partitions",
            ValueType.integer(1, 256),
            12,
            "12",
            "The partitions of a topic's stream: each key goes to one partition subject, and one event per"
                    + " partition and group is handled at a time, which keeps order per key (docs/events.md).");
    /** The streams' replicas. */
    public static final ConfigKey<Integer> REPLICAS = ConfigKey.of(
            "courier.events.nats.replicas",
            ValueType.integer(1, 5),
            1,
            "1",
            "The replicas of a stream Courier creates (3 on a clustered JetStream in production); an"
                    + " existing stream is left as it is.");
    /** How long a stream keeps events. */
    public static final ConfigKey<Long> MAX_AGE_MILLIS = ConfigKey.of(
            "courier.events.nats.max-age-millis",
            ValueType.longInteger(1_000, Long.MAX_VALUE),
            604_800_000L,
            "604800000",
            "How long a stream Courier creates keeps events, consumed or not (7 days): how far a replay reaches.");
    /** AckWait. */
    public static final ConfigKey<Integer> ACK_WAIT_MILLIS = ConfigKey.of(
            "courier.events.nats.ack-wait-millis",
            ValueType.integer(500, 3_600_000),
            30_000,
            "30000",
            "How long an event handed to a subscriber may stay unacknowledged before JetStream delivers it"
                    + " again (`AckWait`): what a crashed subscriber delays its partition by. A subscriber"
                    + " retrying an event renews it.");
    /** MaxDeliver. */
    public static final ConfigKey<Integer> MAX_DELIVER = ConfigKey.of(
            "courier.events.nats.max-deliver",
            ValueType.integer(2, 1_000),
            5,
            "5",
            "How many times JetStream may deliver one event to a group (`MaxDeliver`): an event delivered"
                    + " that often without acknowledgement (its subscribers crashed on it) goes to the"
                    + " dead-letter topic at its last delivery instead of being handled.");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(SERVERS, PARTITIONS, REPLICAS, MAX_AGE_MILLIS, ACK_WAIT_MILLIS, MAX_DELIVER);
    }
}
