package io.courier.events.kafka;

import io.courier.api.RpcException;
import io.courier.api.event.Event;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.events.core.CloudEvents;
import io.courier.events.core.PayloadReader;
import io.courier.events.core.UnreadableEventException;
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
 * ({@link PayloadReader}). Not thread-safe: one per consumer thread.
 */
final class EventReader<E> {

    /** The CloudEvents version's bytes, compared with each record's rather than decoded from it. */
    private static final byte[] SPEC_VERSION = CloudEvents.SPEC_VERSION.getBytes(StandardCharsets.UTF_8);

    private final EventCodec codec;
    private final DeserializationPolicy policy;
    /** The last type header the allow-list accepted, and its text. */
    private byte[] allowedType;

    private String allowedTypeName;
    /** The last serializer header, and its serializer. */
    private byte[] serializerHeader;

    private String serializerName;
    private Serializer serializer;
    /** Reads the payloads: for the hessian serializer, the event's class definition once, not per record. */
    private final PayloadReader<E> payloads;
    /** The last source header, and its text. */
    private byte[] sourceHeader;

    private String source;

    EventReader(EventCodec codec, Class<E> type, DeserializationPolicy policy) {
        this.codec = codec;
        this.policy = policy;
        this.payloads = new PayloadReader<>(type, policy);
    }

    /**
     * The event in {@code record}.
     *
     * @throws UnreadableEventException saying why, if the envelope is incomplete, the serializer
     *     unknown, a class not allowed or the payload malformed
     */
    Event<E> read(ConsumerRecord<byte[], byte[]> record) throws UnreadableEventException {
        Envelope envelope = new Envelope();
        // equals, not a switch: each record's keys are new strings, whose hash a switch would compute
        for (Header header : record.headers()) {
            envelope.take(header.key(), header.value());
        }
        if (record.value() == null) {
            throw new UnreadableEventException("not a Courier event: the value is missing");
        }
        Instant time;
        Serializer reading;
        if (envelope.id != null) {
            if (envelope.version == null || !Arrays.equals(SPEC_VERSION, envelope.version)) {
                throw new UnreadableEventException(
                        "header " + EventHeaders.CE_SPECVERSION + " is missing or not " + CloudEvents.SPEC_VERSION);
            }
            if (envelope.type == null || envelope.time == null) {
                throw new UnreadableEventException("not a Courier event: header " + EventHeaders.CE_TYPE + " or "
                        + EventHeaders.CE_TIME + " is missing");
            }
            time = cloudEventTime(envelope.time);
            reading =
                    envelope.serializer != null ? serializer(envelope.serializer) : serializerOf(envelope.contentType);
        } else {
            if (envelope.legacyId == null
                    || envelope.legacyType == null
                    || envelope.legacySerializer == null
                    || envelope.legacyTime == null
                    || envelope.legacyTime.length != 8) {
                throw new UnreadableEventException("not a Courier event: neither the CloudEvents headers ("
                        + EventHeaders.CE_ID + ", ...) nor the headers " + EventHeaders.ID + ", " + EventHeaders.TYPE
                        + ", " + EventHeaders.SERIALIZER + " and " + EventHeaders.TIME + " are there");
            }
            envelope.id = envelope.legacyId;
            envelope.type = envelope.legacyType;
            envelope.source = envelope.source != null ? envelope.source : envelope.legacySource;
            time = Instant.ofEpochMilli(ByteBuffer.wrap(envelope.legacyTime).getLong());
            reading = serializer(envelope.legacySerializer);
        }
        String typeName = allowedTypeName(envelope.type);
        E payload = payloads.read(reading, serializerName, record.value());
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        return new Event<>(
                utf8(envelope.id),
                time,
                typeName,
                source(envelope.source),
                key,
                traceContext(envelope.traceparent, envelope.tracestate),
                payload,
                new Event.Position(record.topic(), record.partition(), record.offset()),
                1);
    }

    /** One record's envelope headers, the last of a name winning: CloudEvents', the W3C ones, and the layout before. */
    private static final class Envelope {
        byte[] version;
        byte[] id;
        byte[] time;
        byte[] type;
        byte[] source;
        byte[] serializer;
        byte[] contentType;
        byte[] traceparent;
        byte[] tracestate;
        byte[] legacyId;
        byte[] legacyTime;
        byte[] legacyType;
        byte[] legacySource;
        byte[] legacySerializer;

        void take(String name, byte[] value) {
            if (name.equals(EventHeaders.CE_ID)) {
                id = value;
            } else if (name.equals(EventHeaders.CE_TIME)) {
                time = value;
            } else if (name.equals(EventHeaders.CE_TYPE)) {
                type = value;
            } else if (name.equals(EventHeaders.CE_SOURCE)) {
                source = value;
            } else if (name.equals(EventHeaders.CE_SERIALIZER)) {
                serializer = value;
            } else if (name.equals(EventHeaders.CE_SPECVERSION)) {
                version = value;
            } else if (name.equals(EventHeaders.CONTENT_TYPE)) {
                contentType = value;
            } else if (name.equals(EventHeaders.TRACEPARENT)) {
                traceparent = value;
            } else if (name.equals(EventHeaders.TRACESTATE)) {
                tracestate = value;
            } else if (name.equals(EventHeaders.CE_TRACEPARENT)) {
                // the protocol's own W3C header wins where both are there (they carry the same value)
                traceparent = traceparent == null ? value : traceparent;
            } else if (name.equals(EventHeaders.CE_TRACESTATE)) {
                tracestate = tracestate == null ? value : tracestate;
            } else {
                takeLegacy(name, value);
            }
        }

        private void takeLegacy(String name, byte[] value) {
            if (name.equals(EventHeaders.ID)) {
                legacyId = value;
            } else if (name.equals(EventHeaders.TIME)) {
                legacyTime = value;
            } else if (name.equals(EventHeaders.TYPE)) {
                legacyType = value;
            } else if (name.equals(EventHeaders.SOURCE)) {
                legacySource = value;
            } else if (name.equals(EventHeaders.SERIALIZER)) {
                legacySerializer = value;
            }
        }
    }

    private static Instant cloudEventTime(byte[] header) throws UnreadableEventException {
        try {
            return CloudEvents.time(utf8(header));
        } catch (RuntimeException e) {
            throw new UnreadableEventException(
                    "header " + EventHeaders.CE_TIME + ": not an RFC 3339 time: " + EventCodec.printable(utf8(header)));
        }
    }

    /** The serializer a CloudEvent's content type names, when it has no Courier serializer extension. */
    private Serializer serializerOf(byte[] contentType) throws UnreadableEventException {
        String name = CloudEvents.serializer(null, contentType == null ? null : utf8(contentType));
        if (name == null) {
            throw new UnreadableEventException("header " + EventHeaders.CONTENT_TYPE + ": '"
                    + (contentType == null ? "" : EventCodec.printable(utf8(contentType)))
                    + "' names no serializer (expected: " + CloudEvents.JSON + ")");
        }
        return serializer(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
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
            throw new UnreadableEventException("type header: " + e.getMessage());
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
            throw new UnreadableEventException("serializer '" + EventCodec.printable(name) + "' (expected: one of "
                    + codec.serializerNames() + ")");
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
