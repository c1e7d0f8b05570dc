package io.courier.events.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event's envelope as a CloudEvent (CNCF CloudEvents 1.0) in binary content mode: its attributes,
 * and the header each broker's protocol binding names them with (docs/events.md, "The envelope").
 * The attributes are {@code specversion}, {@code id}, {@code source} (the publishing application),
 * {@code type} (the payload's Java binary class name: information only, never loaded), {@code time}
 * (RFC 3339), {@code datacontenttype}; the extensions {@code traceparent} and {@code tracestate}
 * (distributed tracing, written beside the protocol's own W3C headers), {@code partitionkey} (the
 * event's key) and Courier's {@code courierserializer} (which serializer wrote the data). The one
 * place that decides these names and values, for every broker.
 */
public final class CloudEvents {

    /** The CloudEvents version Courier writes and reads. */
    public static final String SPEC_VERSION = "1.0";

    /** Attribute: the CloudEvents version. */
    public static final String SPECVERSION = "specversion";
    /** Attribute: the event id, a UUID. */
    public static final String ID = "id";
    /** Attribute: the publishing application. */
    public static final String SOURCE = "source";
    /** Attribute: the payload's Java binary class name. */
    public static final String TYPE = "type";
    /** Attribute: the publishing time, RFC 3339. */
    public static final String TIME = "time";
    /** Attribute: the data's media type. */
    public static final String DATACONTENTTYPE = "datacontenttype";
    /** Extension (distributed tracing): W3C trace parent. */
    public static final String TRACEPARENT = "traceparent";
    /** Extension (distributed tracing): W3C trace state. */
    public static final String TRACESTATE = "tracestate";
    /** Extension (partitioning): the event's key. */
    public static final String PARTITIONKEY = "partitionkey";
    /** Extension (Courier's): the serializer's extension name. */
    public static final String SERIALIZER = "courierserializer";

    /** The media type of data the {@code json} serializer wrote. */
    public static final String JSON = "application/json";

    private CloudEvents() {}

    /** How one protocol binding names an attribute in a message's headers, and writes its values. */
    public enum Binding {
        /** Kafka: {@code ce_<attribute>} record headers, {@code content-type} for the data's media type. */
        KAFKA("ce_", "content-type"),
        /** NATS: {@code ce-<attribute>} headers, every one of them, values percent-encoded. */
        NATS("ce-", "ce-datacontenttype"),
        /**
         * AMQP: {@code cloudEvents:<attribute>} application properties (RabbitMQ's headers); the media
         * type is the message's {@code content-type} property, which the broker module sets and reads.
         */
        AMQP("cloudEvents:", "cloudEvents:datacontenttype");

        private final String prefix;
        /** The header of each attribute Courier writes or reads, made once: every event looks up a dozen. */
        private final Map<String, String> headers;

        Binding(String prefix, String contentType) {
            this.prefix = prefix;
            Map<String, String> named = new HashMap<>();
            for (String attribute :
                    List.of(SPECVERSION, ID, SOURCE, TYPE, TIME, TRACEPARENT, TRACESTATE, PARTITIONKEY, SERIALIZER)) {
                named.put(attribute, prefix + attribute);
            }
            named.put(DATACONTENTTYPE, contentType);
            this.headers = Map.copyOf(named);
        }

        /** The header that carries {@code attribute}. */
        public String header(String attribute) {
            String header = headers.get(attribute);
            return header != null ? header : prefix + attribute;
        }

        /** {@code value} as this binding writes it: percent-encoded for NATS, as it is otherwise. */
        public String encode(String value) {
            return this == NATS ? PercentEncoding.encode(value) : value;
        }

        /**
         * A header's value read back ({@code null} stays {@code null}).
         *
         * @throws IllegalArgumentException if a NATS value's percent-encoding is malformed
         */
        public String decode(String value) {
            return this == NATS && value != null ? PercentEncoding.decode(value) : value;
        }
    }

    /** The {@code datacontenttype} of data the serializer {@code name} wrote. */
    public static String contentType(String serializer) {
        return "json".equals(serializer) ? JSON : "application/x-courier-" + serializer;
    }

    /**
     * The serializer to read data with: Courier's extension when the event has it, else the one its
     * media type names ({@code application/json}, with or without parameters, is {@code json}), else {@code null}.
     */
    public static String serializer(String extension, String contentType) {
        if (extension != null) {
            return extension;
        }
        if (contentType == null) {
            return null;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.equals(JSON)) {
            return "json";
        }
        return media.startsWith("application/x-courier-") ? media.substring("application/x-courier-".length()) : null;
    }

    /** {@code time} in RFC 3339, UTC. */
    public static String time(Instant time) {
        return Rfc3339.format(time);
    }

    /** The time {@code epochMillis} as the US-ASCII bytes of its RFC 3339 form (Kafka's {@code ce_time}). */
    public static byte[] timeBytes(long epochMillis) {
        return Rfc3339.format(Instant.ofEpochMilli(epochMillis)).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * An RFC 3339 time, with any offset.
     *
     * @throws java.time.format.DateTimeParseException if it is not one
     */
    public static Instant time(String text) {
        return Rfc3339.parse(text);
    }
}
