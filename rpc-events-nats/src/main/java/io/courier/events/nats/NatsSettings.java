package io.courier.events.nats;

import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventKeys;
import java.time.Duration;

/**
 * What a {@link NatsEventBroker} is configured with, read once from {@link NatsEventKeys}.
 *
 * @param application the publishing application's name, the events' source
 * @param servers {@link NatsEventKeys#SERVERS}
 * @param partitions {@link NatsEventKeys#PARTITIONS}
 * @param replicas {@link NatsEventKeys#REPLICAS}
 * @param maxAge {@link NatsEventKeys#MAX_AGE_MILLIS}
 * @param ackWait {@link NatsEventKeys#ACK_WAIT_MILLIS}
 * @param maxDeliver {@link NatsEventKeys#MAX_DELIVER}
 * @param serializer {@link EventKeys#SERIALIZER}
 */
public record NatsSettings(
        String application,
        String servers,
        int partitions,
        int replicas,
        Duration maxAge,
        Duration ackWait,
        int maxDeliver,
        String serializer) {

    /**
     * The settings of {@code context}.
     *
     * @throws io.courier.api.config.ConfigValueException naming the key if a value is invalid
     */
    public static NatsSettings from(EventBrokerContext context) {
        return new NatsSettings(
                context.application(),
                context.setting(NatsEventKeys.SERVERS),
                context.setting(NatsEventKeys.PARTITIONS),
                context.setting(NatsEventKeys.REPLICAS),
                Duration.ofMillis(context.setting(NatsEventKeys.MAX_AGE_MILLIS)),
                Duration.ofMillis(context.setting(NatsEventKeys.ACK_WAIT_MILLIS)),
                context.setting(NatsEventKeys.MAX_DELIVER),
                context.setting(EventKeys.SERIALIZER));
    }
}
