package io.courier.events.kafka;

import io.courier.api.RpcException;
import io.courier.api.event.Event;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.HessianPayloadReader;
import io.courier.protocol.serialization.HessianSerializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the records of one subscription as events of its type, under its allow-list: a record whose
 * type header or payload names a class the allow-list refuses is refused before anything loads that
 * class. The envelope's headers are read in one pass (the last of a name wins); the type and
 * serializer headers a record shares with the one before it are not decoded or checked again (the
 * allow-list's answer for a name never changes), which is every record but the first in a topic of
 * one event type. A hessian payload's class definition is parsed and checked once, not per record
 * ({@link HessianPayloadReader}). Not thread-safe: one per consumer thread.
 */
final class EventReader<E> {

    private final EventCodec codec;
    private final Class<E> type;
    private final DeserializationPolicy policy;
    /** The last type header the allow-list accepted, and its text. */
    private byte[] allowedType;

    private String allowedTypeName;
    /** The last serializer header, and its serializer. */
    private byte[] serializerHeader;

    private String serializerName;
    private Serializer serializer;
    /** For the hessian serializer: reads the event's class definition once, not per record. */
    private HessianPayloadReader hessian;
    /** The last source header, and its text. */
    private byte[] sourceHeader;

    private String source;

    EventReader(EventCodec codec, Class<E> type, DeserializationPolicy policy) {
        this.codec = codec;
        this.type = type;
        this.policy = policy;
    }

    /**
     * The event in {@code record}.
     *
     * @throws UnreadableEventException saying why, if the envelope is incomplete, the serializer
     *     unknown, a class not allowed or the payload malformed
     */
    Event<E> read(ConsumerRecord<byte[], byte[]> record) throws UnreadableEventException {
        byte[] id = null;
        byte[] time = null;
        byte[] typeHeader = null;
        byte[] sourceBytes = null;
        byte[] serializerBytes = null;
        byte[] traceparent = null;
        byte[] tracestate = null;
        // equals, not a switch: each record's keys are new strings, whose hash a switch would compute
        for (Header header : record.headers()) {
            String name = header.key();
            if (name.equals(EventHeaders.ID)) {
                id = header.value();
            } else if (name.equals(EventHeaders.TIME)) {
                time = header.value();
            } else if (name.equals(EventHeaders.TYPE)) {
                typeHeader = header.value();
            } else if (name.equals(EventHeaders.SOURCE)) {
                sourceBytes = header.value();
            } else if (name.equals(EventHeaders.SERIALIZER)) {
                serializerBytes = header.value();
            } else if (name.equals(EventHeaders.TRACEPARENT)) {
                traceparent = header.value();
            } else if (name.equals(EventHeaders.TRACESTATE)) {
                tracestate = header.value();
            }
        }
        if (id == null
                || typeHeader == null
                || serializerBytes == null
                || time == null
                || time.length != 8
                || record.value() == null) {
            throw new UnreadableEventException("not a Courier event: header " + EventHeaders.ID + ", "
                    + EventHeaders.TYPE + ", " + EventHeaders.SERIALIZER + " or " + EventHeaders.TIME
                    + ", or the value, is missing");
        }
        String typeName = allowedTypeName(typeHeader);
        E payload = payload(serializer(serializerBytes), record.value());
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        return new Event<>(
                new String(id, StandardCharsets.UTF_8),
                Instant.ofEpochMilli(ByteBuffer.wrap(time).getLong()),
                typeName,
                source(sourceBytes),
                key,
                traceContext(traceparent, tracestate),
                payload,
                new Event.Position(record.topic(), record.partition(), record.offset()),
                1);
    }

    /**
     * {@code value} read by {@code reading} as the subscribed type.
     *
     * @throws UnreadableEventException if it cannot be read, or is of another type
     */
    private E payload(Serializer reading, byte[] value) throws UnreadableEventException {
        Object payload;
        try {
            if (reading instanceof HessianSerializer hessianSerializer) {
                if (hessian == null) {
                    hessian = hessianSerializer.payloadReader(type, policy);
                }
                payload = hessian.read(value);
            } else {
                ByteSource bytes = ByteSource.of(new ByteArrayInputStream(value));
                payload = reading.reader(bytes, policy).read(type);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableEventException("payload unreadable by " + serializerName + " as " + type.getName()
                    + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!type.isInstance(payload)) {
            throw new UnreadableEventException("payload read by " + serializerName + " is "
                    + (payload == null ? "null" : "a " + payload.getClass().getName()) + " (expected: a "
                    + type.getName() + ")");
        }
        return type.cast(payload);
    }

    /** The type header's text, once the allow-list accepts it. */
    private String allowedTypeName(byte[] header) throws UnreadableEventException {
        if (Arrays.equals(header, allowedType)) {
            return allowedTypeName;
        }
        String name = new String(header, StandardCharsets.UTF_8);
        try {
            policy.checkClass(name);
        } catch (RpcException e) {
            throw new UnreadableEventException("header " + EventHeaders.TYPE + ": " + e.getMessage());
        }
        allowedType = header.clone();
        allowedTypeName = name;
        return name;
    }

    private Serializer serializer(byte[] header) throws UnreadableEventException {
        if (Arrays.equals(header, serializerHeader)) {
            return serializer;
        }
        String name = new String(header, StandardCharsets.UTF_8);
        if (!codec.hasSerializer(name)) {
            throw new UnreadableEventException("header " + EventHeaders.SERIALIZER + ": '" + EventCodec.printable(name)
                    + "' (expected: one of " + codec.serializerNames() + ")");
        }
        serializer = codec.serializer(name);
        serializerName = name;
        serializerHeader = header.clone();
        return serializer;
    }

    private String source(byte[] header) {
        if (header == null) {
            return "";
        }
        if (!Arrays.equals(header, sourceHeader)) {
            source = new String(header, StandardCharsets.UTF_8);
            sourceHeader = header.clone();
        }
        return source;
    }

    private static Map<String, String> traceContext(byte[] traceparent, byte[] tracestate) {
        if (traceparent == null) {
            return Map.of();
        }
        String parent = new String(traceparent, StandardCharsets.UTF_8);
        return tracestate == null
                ? Map.of(EventHeaders.TRACEPARENT, parent)
                : Map.of(
                        EventHeaders.TRACEPARENT,
                        parent,
                        EventHeaders.TRACESTATE,
                        new String(tracestate, StandardCharsets.UTF_8));
    }
}
