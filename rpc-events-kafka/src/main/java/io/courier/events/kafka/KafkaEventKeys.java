package io.courier.events.kafka;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import io.courier.api.event.EventKeys;
import java.util.List;

/**
 * rpc-events-kafka's configuration keys, declared to the {@link io.courier.api.config.ConfigKeyRegistry}
 * (registered in {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}). Read once, when
 * the broker is created.
 */
public final class KafkaEventKeys implements ConfigKeyCatalog {

    /** Kafka's {@code bootstrap.servers}. */
    public static final ConfigKey<String> BOOTSTRAP_SERVERS = ConfigKey.of(
            "courier.events.kafka.bootstrap-servers",
            ValueType.nonEmpty("host:port[,host:port]"),
            "127.0.0.1:9092",
            "127.0.0.1:9092",
            "The Kafka brokers the client first connects to (`bootstrap.servers`); set by the embedded broker"
                    + " itself.");
    /** Kafka's {@code security.protocol}. */
    public static final ConfigKey<String> SECURITY_PROTOCOL = ConfigKey.of(
            "courier.events.kafka.security-protocol",
            ValueType.choice("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
            "PLAINTEXT",
            "PLAINTEXT",
            "How clients talk to the brokers (`security.protocol`): TLS with `SSL` or `SASL_SSL`, SASL"
                    + " authentication with `SASL_*`.");
    /** Kafka's {@code sasl.mechanism}. */
    public static final ConfigKey<String> SASL_MECHANISM = ConfigKey.of(
            "courier.events.kafka.sasl-mechanism",
            ValueType.choice("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "GSSAPI"),
            "PLAIN",
            "PLAIN",
            "The SASL mechanism (`sasl.mechanism`) when the security protocol is `SASL_*`.");
    /** Kafka's {@code sasl.jaas.config}. */
    public static final ConfigKey<String> SASL_JAAS_CONFIG = ConfigKey.of(
            "courier.events.kafka.sasl-jaas-config",
            ValueType.secretText(),
            null,
            "(none)",
            "The JAAS login line (`sasl.jaas.config`) with the client's credentials, e.g."
                    + " `org.apache.kafka.common.security.scram.ScramLoginModule required username=\"..\""
                    + " password=\"..\";`.");
    /** Kafka's {@code ssl.truststore.location}. */
    public static final ConfigKey<String> SSL_TRUSTSTORE = ConfigKey.of(
            "courier.events.kafka.ssl-truststore",
            ValueType.string(),
            null,
            "(the JVM's)",
            "The trust store (PKCS12 or JKS, `ssl.truststore.location`) that verifies the brokers' certificates.");
    /** Kafka's {@code ssl.truststore.password}. */
    public static final ConfigKey<String> SSL_TRUSTSTORE_PASSWORD = ConfigKey.of(
            "courier.events.kafka.ssl-truststore-password",
            ValueType.secretText(),
            null,
            "(none)",
            "The trust store's password (`ssl.truststore.password`).");
    /** Kafka's {@code ssl.keystore.location}. */
    public static final ConfigKey<String> SSL_KEYSTORE = ConfigKey.of(
            "courier.events.kafka.ssl-keystore",
            ValueType.string(),
            null,
            "(none)",
            "The key store (`ssl.keystore.location`) with the client's certificate, for brokers that ask for"
                    + " one (mutual TLS).");
    /** Kafka's {@code ssl.keystore.password}. */
    public static final ConfigKey<String> SSL_KEYSTORE_PASSWORD = ConfigKey.of(
            "courier.events.kafka.ssl-keystore-password",
            ValueType.secretText(),
            null,
            "(none)",
            "The key store's password (`ssl.keystore.password`, also used for the key).");
    /** Whether topics are created on first use. */
    public static final ConfigKey<Boolean> CREATE_TOPICS = ConfigKey.of(
            "courier.events.kafka.create-topics",
            ValueType.bool(),
            true,
            "true",
            "Whether a publisher or subscription creates its topic (and dead-letter topic) on first use with"
                    + " the partitions and replication factor below; an existing topic is left as it is.");
    /** Partitions of a created topic. */
    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.of(
            "courier.events.kafka.partitions",
            ValueType.integer(1, 10_000),
            12,
            "12",
            "The partitions of a topic Courier creates: the most consumers of one group that can work at once.");
    /** Replication factor of a created topic. */
    public static final ConfigKey<Integer> REPLICATION_FACTOR = ConfigKey.of(
            "courier.events.kafka.replication-factor",
            ValueType.integer(-1, 32),
            -1,
            "-1",
            "The replication factor of a topic Courier creates; -1 takes the cluster's"
                    + " `default.replication.factor` (3 is what production wants, with `min.insync.replicas=2`).");
    /** The producer's {@code delivery.timeout.ms}. */
    public static final ConfigKey<Integer> DELIVERY_TIMEOUT_MILLIS = ConfigKey.of(
            "courier.events.kafka.delivery-timeout-millis",
            ValueType.integer(1000, Integer.MAX_VALUE),
            120_000,
            "120000",
            "How long a publish may wait for the brokers' acknowledgement, retries included, before its"
                    + " future fails (`delivery.timeout.ms`).");
    /** The producer's {@code max.block.ms}. */
    public static final ConfigKey<Integer> MAX_BLOCK_MILLIS = ConfigKey.of(
            "courier.events.kafka.max-block-millis",
            ValueType.integer(0, Integer.MAX_VALUE),
            10_000,
            "10000",
            "How long `publish` itself may block while the topic's metadata is unknown or the send buffer is"
                    + " full, before its future fails (`max.block.ms`).");
    /** The consumers' {@code session.timeout.ms}. */
    public static final ConfigKey<Integer> SESSION_TIMEOUT_MILLIS = ConfigKey.of(
            "courier.events.kafka.session-timeout-millis",
            ValueType.integer(1000, 3_600_000),
            45_000,
            "45000",
            "How long a silent consumer keeps its partitions before the group moves them"
                    + " (`session.timeout.ms`; the broker's `group.min.session.timeout.ms` bounds it).");
    /** The consumers' {@code max.poll.records}. */
    public static final ConfigKey<Integer> MAX_POLL_RECORDS = ConfigKey.of(
            "courier.events.kafka.max-poll-records",
            ValueType.integer(1, 100_000),
            500,
            "500",
            "The most events one consumer fetches at once (`max.poll.records`); offsets are committed after"
                    + " each such batch is handled.");
    /** The serializer publishers write events with: every broker's, declared in rpc-api's {@link EventKeys}. */
    public static final ConfigKey<String> SERIALIZER = EventKeys.SERIALIZER;

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(
                BOOTSTRAP_SERVERS,
                SECURITY_PROTOCOL,
                SASL_MECHANISM,
                SASL_JAAS_CONFIG,
                SSL_TRUSTSTORE,
                SSL_TRUSTSTORE_PASSWORD,
                SSL_KEYSTORE,
                SSL_KEYSTORE_PASSWORD,
                CREATE_TOPICS,
                PARTITIONS,
                REPLICATION_FACTOR,
                DELIVERY_TIMEOUT_MILLIS,
                MAX_BLOCK_MILLIS,
                SESSION_TIMEOUT_MILLIS,
                MAX_POLL_RECORDS);
    }
}
