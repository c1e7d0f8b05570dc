package io.courier.api.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event and its envelope, as a subscriber receives it. The envelope is written by the
 * publisher and travels with the event through the broker: a unique {@code id} (the key of
 * de-duplication, see {@link IdempotentHandler}), the {@code time} it was published, its {@code
 * type} (the binary name of the published class, for information only: a subscriber reads the
 * payload as the type it subscribed with, and never loads the class the envelope names), the
 * {@code source} application, the partitioning {@code key} and the W3C trace context ({@code
 * traceparent}, {@code tracestate}) of the publishing span.
 *
 * <p>Immutable; the payload is what the serializer built and is only as immutable as its class.
 *
 * @param id the event's unique id, a UUID in text form
 * @param time when the publisher published it
 * @param type the binary class name of the payload as published
 * @param source the publishing application's name ({@code courier.application.name}), or empty
 * @param key the partitioning key: events with one key are delivered in publishing order
 * @param traceContext the W3C trace headers of the publishing span; empty if there was none
 * @param payload the event itself, never {@code null}
 * @param position where the broker stored it
 * @param attempt which delivery attempt in this subscriber this is, from 1
 * @param <E> the event type
 */
public record Event<E>(
        String id,
        Instant time,
        String type,
        String source,
        String key,
        Map<String, String> traceContext,
        E payload,
        Position position,
        int attempt) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        traceContext = Map.copyOf(traceContext);
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(position, "position");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt: " + attempt + " (expected: >= 1)");
        }
    }

    /** This event at delivery attempt {@code next}. */
    public Event<E> withAttempt(int next) {
        return new Event<>(id, time, type, source, key, traceContext, payload, position, next);
    }

    /**
     * Where an event is stored: its topic, partition and offset in that partition.
     *
     * @param topic the topic
     * @param partition the partition, from 0
     * @param offset the offset in the partition, from 0
     */
    public record Position(String topic, int partition, long offset) {
        public Position {
            Objects.requireNonNull(topic, "topic");
            if (partition < 0) {
                throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
            }
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }
}
