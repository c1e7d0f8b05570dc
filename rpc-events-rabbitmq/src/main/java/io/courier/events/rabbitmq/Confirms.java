package io.courier.events.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import io.courier.api.event.Event;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One channel in confirm mode that every publisher of a broker shares: each publish is mandatory (a
 * message no queue takes is returned, which fails its future) and its future completes on the
 * broker's confirm. The channel is used under its own lock, since a sequence number and its publish
 * must go together. Thread-safe.
 */
final class Confirms implements ConfirmListener, ReturnListener {

    private final Channel channel;
    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Map<String, Pending> byId = new ConcurrentHashMap<>();

    Confirms(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener(this);
        channel.addReturnListener(this);
        // a confirm never comes for a publish the channel lost (the connection dropped, the broker
        // restarted); the recovered channel numbers its publishes from 1 again
        channel.addShutdownListener(cause ->
                failAll("the channel to RabbitMQ closed before the broker confirmed the event, which may or may not be"
                        + " stored: " + cause.getMessage()));
    }

    /**
     * Publishes to {@code topic}; the future completes once confirmed, with the event's position: the
     * topic, partition 0 and the publish's sequence number.
     */
    CompletableFuture<Event.Position> publish(String topic, AMQP.BasicProperties properties, byte[] body) {
        Pending publish = new Pending(topic, properties.getMessageId());
        synchronized (channel) {
            long sequence = channel.getNextPublishSeqNo();
            publish.sequence = sequence;
            pending.put(sequence, publish);
            byId.put(publish.id, publish);
            try {
                channel.basicPublish(Topology.EXCHANGE, topic, true, properties, body);
            } catch (IOException | RuntimeException e) {
                forget(publish);
                publish.completeExceptionally(e);
            }
        }
        return publish;
    }

    @Override
    public void handleReturn(
            int replyCode,
            String replyText,
            String exchange,
            String routingKey,
            AMQP.BasicProperties properties,
            byte[] body) {
        Pending publish = byId.get(properties.getMessageId());
        if (publish != null) {
            // the confirm follows the return: the future fails then
            publish.returned = "no subscription group has a queue on topic '" + routingKey
                    + "' yet, so nothing would keep the event (" + replyCode + " " + replyText + ")";
        }
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, null);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, "the broker refused the event (nack)");
    }

    private void settle(long deliveryTag, boolean multiple, String refusal) {
        Map<Long, Pending> settled =
                multiple ? pending.headMap(deliveryTag, true) : pending.subMap(deliveryTag, true, deliveryTag, true);
        for (Pending publish : settled.values()) {
            forget(publish);
            String failure = refusal != null ? refusal : publish.returned;
            if (failure == null) {
                publish.complete(new Event.Position(publish.topic, 0, publish.sequence));
            } else {
                publish.completeExceptionally(new IllegalStateException(failure));
            }
        }
    }

    /** Fails every publish still waiting: the channel closed before their confirms. */
    void failAll(String why) {
        for (Pending publish : pending.values()) {
            forget(publish);
            publish.completeExceptionally(new IllegalStateException(why));
        }
    }

    private void forget(Pending publish) {
        pending.remove(publish.sequence);
        byId.remove(publish.id);
    }

    /** One publish waiting for its confirm. */
    private static final class Pending extends CompletableFuture<Event.Position> {
        final String topic;
        final String id;
        volatile long sequence;
        volatile String returned;

        Pending(String topic, String id) {
            this.topic = topic;
            this.id = id;
        }
    }
}
