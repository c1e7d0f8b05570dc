package io.courier.events.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import io.courier.api.event.SubscriptionOptions;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where topics and groups live in RabbitMQ: one durable direct exchange, {@code courier.events}, whose
 * routing key is the topic; per topic and group a durable queue {@code <topic>:<group>} bound to it,
 * which every member of the group consumes (competing consumers). A dead-letter topic always has the
 * queue of group {@value #DEAD_LETTER_GROUP}, so dead letters are kept until read. A quorum queue has
 * the delivery limit, and a dead-letter exchange (the same exchange, routing key the dead-letter
 * topic) for what exceeds it.
 */
final class Topology {

    static final String EXCHANGE = "courier.events";
    static final String DEAD_LETTER_GROUP = "courier-dead-letters";

    private final AmqpSettings settings;

    Topology(AmqpSettings settings) {
        this.settings = settings;
    }

    static String queue(String topic, String group) {
        return topic + ":" + group;
    }

    void declareExchange(Channel channel) throws IOException {
        channel.exchangeDeclare(EXCHANGE, BuiltinExchangeType.DIRECT, true);
    }

    /** Declares and binds the group's queue of {@code options}, and the dead-letter topic's keeping queue. */
    void declareGroup(Channel channel, SubscriptionOptions<?> options) throws IOException {
        declare(channel, options.topic(), options.group(), options.deadLetterTopic());
        declare(channel, options.deadLetterTopic(), DEAD_LETTER_GROUP, null);
    }

    private void declare(Channel channel, String topic, String group, String deadLetterTopic) throws IOException {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", settings.queueType());
        if (deadLetterTopic != null) {
            arguments.put("x-dead-letter-exchange", EXCHANGE);
            arguments.put("x-dead-letter-routing-key", deadLetterTopic);
            if ("quorum".equals(settings.queueType())) {
                arguments.put("x-delivery-limit", settings.maxDeliver());
            }
        }
        String queue = queue(topic, group);
        channel.queueDeclare(queue, true, false, false, arguments);
        channel.queueBind(queue, EXCHANGE, topic);
    }
}
