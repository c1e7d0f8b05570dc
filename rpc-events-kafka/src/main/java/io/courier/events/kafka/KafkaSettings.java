package io.courier.events.kafka;

import static io.courier.events.kafka.KafkaEventKeys.*;

import io.courier.api.event.EventBrokerContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * What a {@link KafkaEventBroker} is configured with, read once from {@link KafkaEventKeys}.
 *
 * @param application the publishing application's name, the events' {@code source}
 * @param bootstrapServers {@link KafkaEventKeys#BOOTSTRAP_SERVERS}
 * @param security the client properties of TLS and SASL, shared by producer, consumers and admin
 * @param createTopics {@link KafkaEventKeys#CREATE_TOPICS}
 * @param partitions {@link KafkaEventKeys#PARTITIONS}
 * @param replicationFactor {@link KafkaEventKeys#REPLICATION_FACTOR}
 * @param deliveryTimeoutMillis {@link KafkaEventKeys#DELIVERY_TIMEOUT_MILLIS}
 * @param maxBlockMillis {@link KafkaEventKeys#MAX_BLOCK_MILLIS}
 * @param sessionTimeoutMillis {@link KafkaEventKeys#SESSION_TIMEOUT_MILLIS}
 * @param maxPollRecords {@link KafkaEventKeys#MAX_POLL_RECORDS}
 * @param serializer {@link KafkaEventKeys#SERIALIZER}
 */
public record KafkaSettings(
        String application,
        String bootstrapServers,
        Map<String, Object> security,
        boolean createTopics,
        int partitions,
        int replicationFactor,
        int deliveryTimeoutMillis,
        int maxBlockMillis,
        int sessionTimeoutMillis,
        int maxPollRecords,
        String serializer) {

    public KafkaSettings {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        security = Map.copyOf(security);
        Objects.requireNonNull(serializer, "serializer");
    }

    /** The settings {@code context} holds. */
    public static KafkaSettings from(EventBrokerContext context) {
        Map<String, Object> security = new HashMap<>();
        String protocol = context.setting(SECURITY_PROTOCOL);
        security.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL")) {
            security.put(SaslConfigs.SASL_MECHANISM, context.setting(SASL_MECHANISM));
            putIfSet(security, SaslConfigs.SASL_JAAS_CONFIG, context.setting(SASL_JAAS_CONFIG));
        }
        if (protocol.endsWith("SSL")) {
            putIfSet(security, SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, context.setting(SSL_TRUSTSTORE));
            putIfSet(security, SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, context.setting(SSL_TRUSTSTORE_PASSWORD));
            putIfSet(security, SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, context.setting(SSL_KEYSTORE));
            putIfSet(security, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, context.setting(SSL_KEYSTORE_PASSWORD));
            putIfSet(security, SslConfigs.SSL_KEY_PASSWORD_CONFIG, context.setting(SSL_KEYSTORE_PASSWORD));
        }
        return new KafkaSettings(
                context.application(),
                context.setting(BOOTSTRAP_SERVERS),
                security,
                context.setting(CREATE_TOPICS),
                context.setting(PARTITIONS),
                context.setting(REPLICATION_FACTOR),
                context.setting(DELIVERY_TIMEOUT_MILLIS),
                context.setting(MAX_BLOCK_MILLIS),
                context.setting(SESSION_TIMEOUT_MILLIS),
                context.setting(MAX_POLL_RECORDS),
                context.setting(SERIALIZER));
    }

    /** The properties every client of this broker starts with: the servers and the security. */
    Map<String, Object> clientProperties(String clientId) {
        Map<String, Object> properties = new HashMap<>(security);
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return properties;
    }

    private static void putIfSet(Map<String, Object> properties, String name, String value) {
        if (value != null && !value.isEmpty()) {
            properties.put(name, value);
        }
    }
}
