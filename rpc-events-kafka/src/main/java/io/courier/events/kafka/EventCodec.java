package io.courier.events.kafka;

import io.courier.api.RpcException;
import io.courier.api.event.Event;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Events to record values and back, with Courier's serializers. Reading builds only what the
 * subscription's strict allow-list permits (its event type and what its fields reach): a record
 * whose type header or payload names another class is refused before anything loads that class.
 * Thread-safe.
 */
final class EventCodec {

    private final ExtensionLoader<Serializer> serializers = ExtensionLoader.of(Serializer.class);

    /** The payload of {@code event}, written by serializer {@code name} as a value of {@code type}. */
    byte[] write(String name, Object event, Class<?> type) {
        Serializer serializer = serializers.get(name);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            Serializer.ValueWriter writer = serializer.writer(ByteSink.of(out));
            writer.write(event, type);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + type.getName() + " event with " + name, e);
        }
        return out.toByteArray();
    }

    /** The allow-list a subscription to {@code type} reads under. */
    static DeserializationPolicy policyFor(Class<?> type) {
        return ClassAllowList.builder().allowClass(type).build();
    }

    /**
     * The event in {@code record}, read as {@code type} under {@code policy}.
     *
     * @throws UnreadableEventException saying why, if the envelope is incomplete, the serializer
     *     unknown, a class not allowed or the payload malformed
     */
    <E> Event<E> read(ConsumerRecord<byte[], byte[]> record, Class<E> type, DeserializationPolicy policy)
            throws UnreadableEventException {
        Headers headers = record.headers();
        String id = EventHeaders.text(headers, EventHeaders.ID);
        String typeName = EventHeaders.text(headers, EventHeaders.TYPE);
        String serializerName = EventHeaders.text(headers, EventHeaders.SERIALIZER);
        long time = EventHeaders.time(headers);
        if (id == null || typeName == null || serializerName == null || time < 0 || record.value() == null) {
            throw new UnreadableEventException("not a Courier event: header " + EventHeaders.ID + ", "
                    + EventHeaders.TYPE + ", " + EventHeaders.SERIALIZER + " or " + EventHeaders.TIME
                    + ", or the value, is missing");
        }
        try {
            policy.checkClass(typeName);
        } catch (RpcException e) {
            throw new UnreadableEventException("header " + EventHeaders.TYPE + ": " + e.getMessage());
        }
        if (!serializers.has(serializerName)) {
            throw new UnreadableEventException("header " + EventHeaders.SERIALIZER + ": '" + printable(serializerName)
                    + "' (expected: one of " + serializers.names() + ")");
        }
        Object payload;
        try {
            ByteSource source = ByteSource.of(new ByteArrayInputStream(record.value()));
            payload = serializers.get(serializerName).reader(source, policy).read(type);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableEventException("payload unreadable by " + serializerName + " as " + type.getName()
                    + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!type.isInstance(payload)) {
            throw new UnreadableEventException("payload read by " + serializerName + " is "
                    + (payload == null ? "null" : "a " + payload.getClass().getName()) + " (expected: a "
                    + type.getName() + ")");
        }
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        String source = EventHeaders.text(headers, EventHeaders.SOURCE);
        return new Event<>(
                id,
                Instant.ofEpochMilli(time),
                typeName,
                source == null ? "" : source,
                key,
                traceContext(headers),
                type.cast(payload),
                new Event.Position(record.topic(), record.partition(), record.offset()),
                1);
    }

    private static Map<String, String> traceContext(Headers headers) {
        Map<String, String> trace = new HashMap<>(2);
        String parent = EventHeaders.text(headers, EventHeaders.TRACEPARENT);
        if (parent != null) {
            trace.put(EventHeaders.TRACEPARENT, parent);
            String state = EventHeaders.text(headers, EventHeaders.TRACESTATE);
            if (state != null) {
                trace.put(EventHeaders.TRACESTATE, state);
            }
        }
        return trace;
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
