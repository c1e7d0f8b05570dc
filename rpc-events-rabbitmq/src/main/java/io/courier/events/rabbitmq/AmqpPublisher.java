package io.courier.events.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.events.core.CloudEvents;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.courier.events.core.Outgoing;
import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes one event type to one topic: a persistent message on {@code courier.events} with the topic
 * as routing key, the envelope in its headers. The future completes with the broker's publisher
 * confirm, which comes once every queue bound to the topic has the event (on a quorum queue's
 * majority); it fails if no group's queue is bound yet, since nothing would keep the event. Thread-safe.
 */
final class AmqpPublisher<E> implements EventPublisher<E> {

    /** The header the envelope names the media type with, which goes to the content-type property instead. */
    static final String CONTENT_TYPE = CloudEvents.Binding.AMQP.header(CloudEvents.DATACONTENTTYPE);

    private final String topic;
    private final Class<E> type;
    private final Confirms confirms;
    private final EventEnvelope envelope;
    private final EventSpans spans;
    private final Outgoing.Route route;

    AmqpPublisher(
            String topic,
            Class<E> type,
            Confirms confirms,
            EventEnvelope envelope,
            EventSpans spans,
            AmqpSettings settings) {
        this.topic = topic;
        this.type = type;
        this.confirms = confirms;
        this.envelope = envelope;
        this.spans = spans;
        this.route = new Outgoing.Route(topic, type, settings.application(), settings.serializer());
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(String key, E event) {
        return Outgoing.publish(envelope, spans, route, key, event, outgoing -> {
            // the AMQP binding carries the data's media type in the message's content-type property; the
            // envelope's map is this event's own, made for it, so it loses that header without a copy
            Map<String, String> attributes = outgoing.headers();
            String contentType = attributes.remove(CONTENT_TYPE);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .messageId(outgoing.id())
                    .contentType(contentType)
                    .deliveryMode(2)
                    .timestamp(Date.from(outgoing.time()))
                    .headers(Collections.unmodifiableMap(attributes))
                    .build();
            return confirms.publish(topic, properties, outgoing.payload());
        });
    }
}
