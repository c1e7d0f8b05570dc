package io.courier.events.core;

import io.courier.api.event.Event;
import io.courier.api.event.EventKeys;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import io.courier.protocol.serialization.HessianPayloadWriter;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.spi.ExtensionLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An event's envelope in a broker's headers: a CloudEvent in binary content mode, its attributes
 * named as the broker's protocol binding names them ({@link CloudEvents.Binding}), the data the
 * message body as Courier's serializer wrote it; on a dead letter the {@code courier-dlt-*} headers
 * too. Events of the layout before CloudEvents ({@code courier-id}, {@code courier-time} in decimal
 * epoch milliseconds, {@code courier-type}, {@code courier-source}, {@code courier-serializer},
 * {@code courier-key}) are still read. Reading builds only what the subscription's strict allow-list
 * ({@link ClassAllowList}) permits: a type attribute or payload naming another class is refused
 * before anything loads it. Thread-safe.
 */
public final class EventEnvelope {

    /** The event id, in the layout before CloudEvents (still read). */
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
    private final Map<Class<?>, HessianPayloadWriter> hessianWriters = new ConcurrentHashMap<>();
    private final CloudEvents.Binding binding;

    /** The envelope as {@code binding} names its attributes. */
    public EventEnvelope(CloudEvents.Binding binding) {
        this.binding = binding;
    }

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
        Serializer serializer = serializers.get(name);
        try {
            if (serializer instanceof HessianSerializer hessian) {
                // a record's class definition made once per type, not per event (the bytes are hessian's own)
                return hessianWriters
                        .computeIfAbsent(type, hessian::payloadWriter)
                        .write(event);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            Serializer.ValueWriter writer = serializer.writer(ByteSink.of(out));
            writer.write(event, type);
            writer.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a " + type.getName() + " event with " + name, e);
        }
    }

    /** The headers of a new event (id, time, type, source, serializer, key); the caller adds the trace context. */
    public Map<String, String> headers(
            String id, Instant time, Class<?> type, String source, String serializer, String key) {
        Map<String, String> headers = new HashMap<>();
        put(headers, CloudEvents.SPECVERSION, CloudEvents.SPEC_VERSION);
        put(headers, CloudEvents.ID, id);
        put(headers, CloudEvents.SOURCE, source);
        put(headers, CloudEvents.TYPE, type.getName());
        put(headers, CloudEvents.TIME, CloudEvents.time(time));
        put(headers, CloudEvents.DATACONTENTTYPE, CloudEvents.contentType(serializer));
        put(headers, CloudEvents.SERIALIZER, serializer);
        put(headers, CloudEvents.PARTITIONKEY, key);
        return headers;
    }

    /**
     * Copies the W3C trace context the propagator wrote ({@code traceparent}, {@code tracestate}) into
     * the distributed-tracing extension's attributes, which carry the same values by that extension's rule.
     */
    public void traceExtension(Map<String, String> headers) {
        String parent = headers.get(TRACEPARENT);
        if (parent != null) {
            put(headers, CloudEvents.TRACEPARENT, parent);
        }
        String state = headers.get(TRACESTATE);
        if (state != null) {
            put(headers, CloudEvents.TRACESTATE, state);
        }
    }

    /** The event's key in headers {@code header} reads, or {@code null}. */
    public String key(UnaryOperator<String> header) {
        String key = attribute(header, CloudEvents.PARTITIONKEY);
        return key != null ? key : header.apply(KEY);
    }

    private void put(Map<String, String> headers, String attribute, String value) {
        headers.put(binding.header(attribute), binding.encode(value));
    }

    /** An attribute's value, decoded, or {@code null}. */
    private String attribute(UnaryOperator<String> header, String attribute) {
        return binding.decode(header.apply(binding.header(attribute)));
    }

    /** The allow-list a subscription to {@code type} reads under: its type and what its fields reach. */
    public static DeserializationPolicy policyFor(Class<?> type) {
        return ClassAllowList.builder().allowClass(type).build();
    }

    /**
     * The event whose headers {@code header} reads (null for a missing one) and whose body is {@code
     * data}, as {@code type} under {@code policy}, stored at {@code position}; as {@link
     * #read(UnaryOperator, byte[], PayloadReader, Event.Position)} with a reader of its own.
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
        return read(header, data, new PayloadReader<>(type, policy), position);
    }

    /**
     * The event whose headers {@code header} reads (null for a missing one) and whose body is {@code
     * data}, read by {@code payloads} (the subscription's type and allow-list), stored at {@code position}.
     *
     * @throws UnreadableEventException saying why, if the envelope is incomplete, the serializer
     *     unknown, a class not allowed or the payload malformed
     */
    public <E> Event<E> read(
            UnaryOperator<String> header, byte[] data, PayloadReader<E> payloads, Event.Position position)
            throws UnreadableEventException {
        Attributes attributes =
                header.apply(binding.header(CloudEvents.ID)) != null ? cloudEvent(header) : legacy(header);
        if (data == null) {
            throw new UnreadableEventException("not a Courier event: the body is missing");
        }
        payloads.checkType(attributes.type());
        String serializer = attributes.serializer();
        if (!serializers.has(serializer)) {
            throw new UnreadableEventException(
                    "serializer '" + printable(serializer) + "' (expected: one of " + serializers.names() + ")");
        }
        E payload = payloads.read(serializers.get(serializer), serializer, data);
        return new Event<>(
                attributes.id(),
                attributes.time(),
                attributes.type(),
                orEmpty(attributes.source()),
                orEmpty(attributes.key()),
                attributes.traceContext(),
                payload,
                position,
                1);
    }

    /** What the envelope says of an event, whichever layout it came in. */
    private record Attributes(
            String id,
            String type,
            String serializer,
            Instant time,
            String source,
            String key,
            Map<String, String> traceContext) {}

    private Attributes cloudEvent(UnaryOperator<String> header) throws UnreadableEventException {
        try {
            String version = attribute(header, CloudEvents.SPECVERSION);
            if (!CloudEvents.SPEC_VERSION.equals(version)) {
                throw new UnreadableEventException("specversion '" + (version == null ? "" : printable(version))
                        + "' (expected: " + CloudEvents.SPEC_VERSION + ")");
            }
            String id = attribute(header, CloudEvents.ID);
            String typeName = attribute(header, CloudEvents.TYPE);
            String time = attribute(header, CloudEvents.TIME);
            String serializer = CloudEvents.serializer(
                    attribute(header, CloudEvents.SERIALIZER), attribute(header, CloudEvents.DATACONTENTTYPE));
            if (typeName == null || time == null || serializer == null) {
                throw new UnreadableEventException("not a Courier event: attribute " + CloudEvents.TYPE + " or "
                        + CloudEvents.TIME + " is missing, or neither " + CloudEvents.SERIALIZER + " nor "
                        + CloudEvents.DATACONTENTTYPE + " names a serializer");
            }
            String parent = header.apply(TRACEPARENT) != null
                    ? header.apply(TRACEPARENT)
                    : attribute(header, CloudEvents.TRACEPARENT);
            String state = header.apply(TRACESTATE) != null
                    ? header.apply(TRACESTATE)
                    : attribute(header, CloudEvents.TRACESTATE);
            return new Attributes(
                    id,
                    typeName,
                    serializer,
                    CloudEvents.time(time),
                    attribute(header, CloudEvents.SOURCE),
                    attribute(header, CloudEvents.PARTITIONKEY),
                    traceContext(parent, state));
        } catch (RuntimeException e) {
            throw new UnreadableEventException("malformed attribute: " + e.getMessage());
        }
    }

    private static Attributes legacy(UnaryOperator<String> header) throws UnreadableEventException {
        String id = header.apply(ID);
        String typeName = header.apply(TYPE);
        String serializer = header.apply(SERIALIZER);
        String time = header.apply(TIME);
        if (id == null || typeName == null || serializer == null || time == null) {
            throw new UnreadableEventException("not a Courier event: neither the CloudEvents attributes nor the"
                    + " headers " + ID + ", " + TYPE + ", " + SERIALIZER + " and " + TIME + " are there");
        }
        try {
            return new Attributes(
                    id,
                    typeName,
                    serializer,
                    Instant.ofEpochMilli(Long.parseLong(time)),
                    header.apply(SOURCE),
                    header.apply(KEY),
                    traceContext(header.apply(TRACEPARENT), header.apply(TRACESTATE)));
        } catch (NumberFormatException e) {
            throw new UnreadableEventException("header " + TIME + ": " + e.getMessage());
        }
    }

    private static Map<String, String> traceContext(String parent, String state) {
        if (parent == null) {
            return Map.of();
        }
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
