package io.courier.events.core;

import io.courier.api.RpcException;
import io.courier.api.event.Event;
import io.courier.api.event.EventKeys;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An event's envelope in a broker's text headers, with the names Kafka's record headers use
 * (docs/events.md, "The envelope"): {@code courier-id}, {@code courier-time} (epoch milliseconds in
 * decimal), {@code courier-type}, {@code courier-source}, {@code courier-serializer}, {@code
 * courier-key}, {@code traceparent}, {@code tracestate}; and on a dead letter the {@code
 * courier-dlt-*} headers. The payload is the message body as Courier's serializer wrote it. Reading
 * builds only what the subscription's strict allow-list ({@link ClassAllowList}) permits: a type
 * header or payload naming another class is refused before anything loads it. Thread-safe.
 */
public final class EventEnvelope {

    /** The event id, a UUID. */
    public static final String ID = "courier-id";
    /** The publishing time, epoch milliseconds in decimal. */
    public static final String TIME = "courier-time";
    /** The payload's binary class name (information only, never loaded). */
    public static final String TYPE = "courier-type";
    /** The publishing application. */
    public static final String SOURCE = "courier-source";
    /** The serializer's extension name. */
    public static final String SERIALIZER = "courier-serializer";
    /** The event's key. */
    public static final String KEY = "courier-key";
    /** W3C trace parent. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace state. */
    public static final String TRACESTATE = "tracestate";
    /** Why an event was dead-lettered. */
    public static final String DLT_REASON = "courier-dlt-reason";
    /** The topic a dead letter was read from. */
    public static final String DLT_TOPIC = "courier-dlt-topic";
    /** Its position there. */
    public static final String DLT_OFFSET = "courier-dlt-offset";
    /** The consumer group that gave up on it. */
    public static final String DLT_GROUP = "courier-dlt-group";
    /** How many attempts were made (0: unreadable). */
    public static final String DLT_ATTEMPTS = "courier-dlt-attempts";

    /** The longest reason a dead letter carries; a longer one is cut. */
    public static final int MAX_REASON = 2048;

    private final ExtensionLoader<Serializer> serializers = ExtensionLoader.of(Serializer.class);

    /**
     * The payload of {@code event}, written by serializer {@code name} as a value of {@code type}.
     *
     * @throws IllegalArgumentException naming the serializers there are, if none is called {@code name}
     */
    public byte[] write(String name, Object event, Class<?> type) {
        if (!serializers.has(name)) {
            throw new IllegalArgumentException(
                    EventKeys.SERIALIZER.name() + ": '" + name + "' (expected: one of " + serializers.names() + ")");
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

    /** The headers of a new event (id, time, type, source, serializer, key); the caller adds the trace context. */
    public static Map<String, String> headers(
            String id, Instant time, Class<?> type, String source, String serializer, String key) {
        Map<String, String> headers = new HashMap<>();
        headers.put(ID, id);
        headers.put(TIME, Long.toString(time.toEpochMilli()));
        headers.put(TYPE, type.getName());
        headers.put(SOURCE, source);
        headers.put(SERIALIZER, serializer);
        headers.put(KEY, key);
        return headers;
    }

    /** The allow-list a subscription to {@code type} reads under: its type and what its fields reach. */
    public static DeserializationPolicy policyFor(Class<?> type) {
        return ClassAllowList.builder().allowClass(type).build();
    }

    /**
     * The event whose headers {@code header} reads (null for a missing one) and whose body is {@code
     * data}, as {@code type} under {@code policy}, stored at {@code position}.
     *
     * @throws UnreadableEventException saying why, if the envelope is incomplete, the serializer
     *     unknown, a class not allowed or the payload malformed
     */
    public <E> Event<E> read(
            UnaryOperator<String> header,
            byte[] data,
            Class<E> type,
            DeserializationPolicy policy,
            Event.Position position)
            throws UnreadableEventException {
        String id = header.apply(ID);
        String typeName = header.apply(TYPE);
        String serializer = header.apply(SERIALIZER);
        String time = header.apply(TIME);
        if (id == null || typeName == null || serializer == null || time == null || data == null) {
            throw new UnreadableEventException("not a Courier event: header " + ID + ", " + TYPE + ", " + SERIALIZER
                    + " or " + TIME + ", or the body, is missing");
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
        Instant at;
        try {
            payload = serializers
                    .get(serializer)
                    .reader(ByteSource.of(new ByteArrayInputStream(data)), policy)
                    .read(type);
            at = Instant.ofEpochMilli(Long.parseLong(time));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableEventException("payload unreadable by " + serializer + " as " + type.getName() + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!type.isInstance(payload)) {
            throw new UnreadableEventException("payload read by " + serializer + " is "
                    + (payload == null ? "null" : "a " + payload.getClass().getName()) + " (expected: a "
                    + type.getName() + ")");
        }
        return new Event<>(
                id,
                at,
                typeName,
                orEmpty(header.apply(SOURCE)),
                orEmpty(header.apply(KEY)),
                traceContext(header),
                type.cast(payload),
                position,
                1);
    }

    private static Map<String, String> traceContext(UnaryOperator<String> header) {
        String parent = header.apply(TRACEPARENT);
        if (parent == null) {
            return Map.of();
        }
        String state = header.apply(TRACESTATE);
        return state == null ? Map.of(TRACEPARENT, parent) : Map.of(TRACEPARENT, parent, TRACESTATE, state);
    }

    /** {@code reason} cut to {@link #MAX_REASON} characters. */
    public static String reason(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
