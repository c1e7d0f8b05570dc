package io.courier.events.nats;

import io.courier.api.RpcException;
import io.courier.api.event.Event;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.spi.ExtensionLoader;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * An event's envelope in NATS message headers, with the names Kafka's record headers use
 * (docs/events.md, "The envelope"): {@code courier-id}, {@code courier-time} (epoch milliseconds, in
 * decimal: NATS headers are text), {@code courier-type}, {@code courier-source}, {@code
 * courier-serializer}, {@code courier-key}, {@code traceparent} and {@code tracestate}; {@code
 * Nats-Msg-Id} is the event id too, so JetStream stores a retried publish once. The payload is the
 * message's data as the serializer wrote it. Reading builds only what the subscription's strict
 * allow-list ({@link ClassAllowList}) permits. Thread-safe.
 */
final class NatsEnvelope {

    static final String ID = "courier-id";
    static final String TIME = "courier-time";
    static final String TYPE = "courier-type";
    static final String SOURCE = "courier-source";
    static final String SERIALIZER = "courier-serializer";
    static final String KEY = "courier-key";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    static final String NATS_MSG_ID = "Nats-Msg-Id";
    static final String DLT_REASON = "courier-dlt-reason";
    static final String DLT_TOPIC = "courier-dlt-topic";
    static final String DLT_PARTITION = "courier-dlt-partition";
    static final String DLT_OFFSET = "courier-dlt-offset";
    static final String DLT_GROUP = "courier-dlt-group";
    static final String DLT_ATTEMPTS = "courier-dlt-attempts";

    private final ExtensionLoader<Serializer> serializers = ExtensionLoader.of(Serializer.class);

    /** The payload of {@code event} written by serializer {@code name} as a value of {@code type}. */
    byte[] write(String name, Object event, Class<?> type) {
        if (!serializers.has(name)) {
            throw new IllegalArgumentException(
                    "courier.events.serializer: '" + name + "' (expected: one of " + serializers.names() + ")");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            Serializer.ValueWriter writer = serializers.get(name).writer(ByteSink.of(out));
            writer.write(event, type);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + type.getName() + " event with " + name, e);
        }
        return out.toByteArray();
    }

    /** The allow-list a subscription to {@code type} reads under: its type and what its fields reach. */
    static DeserializationPolicy policyFor(Class<?> type) {
        return ClassAllowList.builder().allowClass(type).build();
    }

    /**
     * The event in {@code message}, as {@code type} under {@code policy}, at delivery {@code attempt}.
     *
     * @throws UnreadableEventException saying why, if the envelope is incomplete, the serializer
     *     unknown, a class not allowed or the payload malformed
     */
    <E> Event<E> read(Message message, String topic, Class<E> type, DeserializationPolicy policy)
            throws UnreadableEventException {
        Headers headers = message.getHeaders();
        String id = text(headers, ID);
        String typeName = text(headers, TYPE);
        String serializer = text(headers, SERIALIZER);
        String time = text(headers, TIME);
        if (id == null || typeName == null || serializer == null || time == null || message.getData() == null) {
            throw new UnreadableEventException("not a Courier event: header " + ID + ", " + TYPE + ", " + SERIALIZER
                    + " or " + TIME + ", or the data, is missing");
        }
        try {
            policy.checkClass(typeName);
        } catch (RpcException e) {
            throw new UnreadableEventException("header " + TYPE + ": " + e.getMessage());
        }
        if (!serializers.has(serializer)) {
            throw new UnreadableEventException("header " + SERIALIZER + ": '" + printable(serializer)
                    + "' (expected: one of " + serializers.names() + ")");
        }
        Object payload;
        try {
            ByteSource bytes = ByteSource.of(new ByteArrayInputStream(message.getData()));
            payload = serializers.get(serializer).reader(bytes, policy).read(type);
            Instant at = Instant.ofEpochMilli(Long.parseLong(time));
            if (!type.isInstance(payload)) {
                throw new UnreadableEventException("payload read by " + serializer + " is "
                        + (payload == null ? "null" : "a " + payload.getClass().getName()) + " (expected: a "
                        + type.getName() + ")");
            }
            NatsJetStreamMetaData meta = message.metaData();
            String key = text(headers, KEY);
            return new Event<>(
                    id,
                    at,
                    typeName,
                    orEmpty(text(headers, SOURCE)),
                    orEmpty(key),
                    traceContext(headers),
                    type.cast(payload),
                    new Event.Position(topic, NatsNames.partitionOf(message.getSubject()), meta.streamSequence()),
                    1);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableEventException("payload unreadable by " + serializer + " as " + type.getName() + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Map<String, String> traceContext(Headers headers) {
        Map<String, String> context = new HashMap<>(2);
        String parent = text(headers, TRACEPARENT);
        if (parent != null) {
            context.put(TRACEPARENT, parent);
            String state = text(headers, TRACESTATE);
            if (state != null) {
                context.put(TRACESTATE, state);
            }
        }
        return context;
    }

    static String text(Headers headers, String name) {
        return headers == null ? null : headers.getLast(name);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** An event that no retry can make readable: dead-lettered at once, without an attempt. */
    static final class UnreadableEventException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableEventException(String message) {
            super(message);
        }
    }
}
