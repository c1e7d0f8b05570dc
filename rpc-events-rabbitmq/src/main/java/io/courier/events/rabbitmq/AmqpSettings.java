package io.courier.events.rabbitmq;

import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventKeys;

/**
 * What an {@link AmqpEventBroker} is configured with, read once from {@link AmqpEventKeys}.
 *
 * @param application the publishing application's name, the events' source
 * @param uri {@link AmqpEventKeys#URI}
 * @param queueType {@link AmqpEventKeys#QUEUE_TYPE}
 * @param maxDeliver {@link AmqpEventKeys#MAX_DELIVER}
 * @param serializer {@link EventKeys#SERIALIZER}
 */
public record AmqpSettings(String application, String uri, String queueType, int maxDeliver, String serializer) {

    /**
     * The settings of {@code context}.
     *
     * @throws io.courier.api.config.ConfigValueException naming the key if a value is invalid
     */
    public static AmqpSettings from(EventBrokerContext context) {
        return new AmqpSettings(
                context.application(),
                context.setting(AmqpEventKeys.URI),
                context.setting(AmqpEventKeys.QUEUE_TYPE),
                context.setting(AmqpEventKeys.MAX_DELIVER),
                context.setting(EventKeys.SERIALIZER));
    }

    /** The URI without its password, for messages. */
    String where() {
        return uri.replaceAll("//[^@/]*@", "//");
    }
}
