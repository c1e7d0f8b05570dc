package io.courier.events.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes one event type to one topic: a persistent message on {@code courier.events} with the topic
 * as routing key, the envelope in its headers. The future completes with the broker's publisher
 * confirm, which comes once every queue bound to the topic has the event (on a quorum queue's
 * majority); it fails if no group's queue is bound yet, since nothing would keep the event. Thread-safe.
 */
final class AmqpPublisher<E> implements EventPublisher<E> {

    private final String topic;
    private final Class<E> type;
    private final Confirms confirms;
    private final EventEnvelope envelope;
    private final EventSpans spans;
    private final AmqpSettings settings;

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
        this.settings = settings;
    }

    Class<E> type() {
        return type;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(String key, E event) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
        byte[] payload;
        try {
            payload = envelope.write(settings.serializer(), event, type);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String id = UUID.randomUUID().toString();
        Instant time = Instant.ofEpochMilli(System.currentTimeMillis());
        Map<String, String> headers =
                EventEnvelope.headers(id, time, type, settings.application(), settings.serializer(), key);
        Span span = spans.publishing(topic, headers);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(id)
                .deliveryMode(2)
                .timestamp(java.util.Date.from(time))
                .headers(new HashMap<>(headers))
                .build();
        return confirms.publish(topic, properties, payload).handle((sequence, failure) -> {
            EventSpans.end(span, failure);
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            return new PublishReceipt(id, new Event.Position(topic, 0, sequence), time);
        });
    }
}
