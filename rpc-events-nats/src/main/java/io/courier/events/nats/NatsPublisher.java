package io.courier.events.nats;

import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.PublishReceipt;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes one event type to one topic's stream: the key picks the partition subject, and the
 * future completes with JetStream's acknowledgement, which comes once the stream has stored the
 * event (on every replica's quorum). Thread-safe.
 */
final class NatsPublisher<E> implements EventPublisher<E> {

    /** JetStream stores a publish whose id it has seen within the stream's duplicate window once. */
    static final String NATS_MSG_ID = "Nats-Msg-Id";

    private final String topic;
    private final Class<E> type;
    private final JetStream jetStream;
    private final EventEnvelope envelope;
    private final EventSpans spans;
    private final NatsSettings settings;
    private final PublishOptions options;

    NatsPublisher(
            String topic,
            Class<E> type,
            JetStream jetStream,
            EventEnvelope envelope,
            EventSpans spans,
            NatsSettings settings) {
        this.topic = topic;
        this.type = type;
        this.jetStream = jetStream;
        this.envelope = envelope;
        this.spans = spans;
        this.settings = settings;
        // a subject of another stream, or none, is refused rather than stored elsewhere
        this.options =
                PublishOptions.builder().expectedStream(NatsNames.stream(topic)).build();
    }

    /** The event type it publishes. */
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
        Map<String, String> envelope =
                EventEnvelope.headers(id, time, type, settings.application(), settings.serializer(), key);
        Span span = spans.publishing(topic, envelope);
        Headers headers = new Headers();
        envelope.forEach(headers::put);
        headers.put(NATS_MSG_ID, id);
        int partition = NatsNames.partition(key, settings.partitions());
        CompletableFuture<PublishAck> ack;
        try {
            ack = jetStream.publishAsync(NatsNames.subject(topic, partition), headers, payload, options);
        } catch (RuntimeException e) {
            ack = CompletableFuture.failedFuture(e);
        }
        return ack.handle((stored, failure) -> {
            EventSpans.end(span, failure);
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            return new PublishReceipt(id, new Event.Position(topic, partition, stored.getSeqno()), time);
        });
    }
}
