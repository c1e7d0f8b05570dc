package io.courier.events.core;

import io.courier.api.event.Event;
import io.courier.api.event.PublishReceipt;
import io.opentelemetry.api.trace.Span;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One event on its way out: its id, time, serialized payload and envelope headers with the PRODUCER
 * span's trace context, made the same way for every broker by {@link #publish}, which hands it to
 * the broker's {@link Sender} and turns the broker's acknowledgement into the receipt.
 *
 * @param id the event's id
 * @param time its publishing time
 * @param payload the event as the serializer wrote it
 * @param headers the envelope, trace context included
 */
public record Outgoing(String id, Instant time, byte[] payload, Map<String, String> headers) {

    /** Sends an outgoing event; the future completes with where the broker stored it, once it is durable. */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<Event.Position> send(Outgoing event);
    }

    /** What a publisher writes: the topic, its event type, the source and the serializer's name. */
    public record Route(String topic, Class<?> type, String application, String serializer) {}

    /**
     * Publishes {@code event} under {@code key} through {@code sender}, in a PRODUCER span ended when
     * the broker answers. A payload the serializer cannot write fails the returned future at once,
     * and nothing is sent; so does a sender that throws.
     *
     * @throws NullPointerException if {@code key} or {@code event} is {@code null}
     */
    public static CompletableFuture<PublishReceipt> publish(
            EventEnvelope envelope, EventSpans spans, Route route, String key, Object event, Sender sender) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
        byte[] payload;
        try {
            payload = envelope.write(route.serializer(), event, route.type());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String id = UUID.randomUUID().toString();
        Instant time = Instant.ofEpochMilli(System.currentTimeMillis());
        Map<String, String> headers =
                envelope.headers(id, time, route.type(), route.application(), route.serializer(), key);
        Span span = spans.publishing(route.topic(), headers);
        envelope.traceExtension(headers);
        CompletableFuture<Event.Position> stored;
        try {
            stored = sender.send(new Outgoing(id, time, payload, headers));
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        return stored.handle((position, failure) -> {
            EventSpans.end(span, failure);
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
            return new PublishReceipt(id, position, time);
        });
    }
}
