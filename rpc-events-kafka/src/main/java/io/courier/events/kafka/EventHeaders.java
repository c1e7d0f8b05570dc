package io.courier.events.kafka;

import io.courier.events.core.CloudEvents;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka record headers that carry an event's envelope, and those a dead-lettered event gains.
 * The envelope is a CloudEvent in the Kafka binding's binary content mode ({@link CloudEvents}); the
 * record's key is the event's key (UTF-8, the {@code partitionkey} extension), its value the data as
 * the serializer wrote it.
 *
 * <pre>
 * ce_specversion        UTF-8  1.0
 * ce_id                 UTF-8  the event id (a UUID)
 * ce_source             UTF-8  the publishing application
 * ce_type               UTF-8  the payload's binary class name (information only, never loaded)
 * ce_time               UTF-8  publishing time, RFC 3339 (UTC, milliseconds)
 * content-type          UTF-8  application/json for the json serializer, application/x-courier-NAME otherwise
 * ce_courierserializer  UTF-8  the Courier serializer the data was written with
 * traceparent           UTF-8  W3C trace context of the publishing span, when there is one;
 *                              ce_traceparent the same (CloudEvents' distributed tracing extension)
 * tracestate            UTF-8  W3C trace state, when there is one; ce_tracestate the same
 *
 * the layout before CloudEvents, still read:
 * courier-id, courier-type, courier-source, courier-serializer (UTF-8), courier-time (8 bytes,
 * epoch milliseconds, big-endian)
 *
 * on the dead-letter topic, in addition:
 * courier-dlt-reason     UTF-8  why: the handler's last exception, or why the event is unreadable
 * courier-dlt-topic      UTF-8  the topic it was read from
 * courier-dlt-partition  UTF-8  its partition there, in decimal
 * courier-dlt-offset     UTF-8  its offset there, in decimal
 * courier-dlt-group      UTF-8  the consumer group that gave up on it
 * courier-dlt-attempts   UTF-8  how many times the handler was called (0: never, unreadable)
 * </pre>
 */
public final class EventHeaders {

    /** The CloudEvents version. */
    public static final String CE_SPECVERSION = CloudEvents.Binding.KAFKA.header(CloudEvents.SPECVERSION);
    /** The event id. */
    public static final String CE_ID = CloudEvents.Binding.KAFKA.header(CloudEvents.ID);
    /** The publishing application. */
    public static final String CE_SOURCE = CloudEvents.Binding.KAFKA.header(CloudEvents.SOURCE);
    /** The payload's class name. */
    public static final String CE_TYPE = CloudEvents.Binding.KAFKA.header(CloudEvents.TYPE);
    /** The publishing time, RFC 3339. */
    public static final String CE_TIME = CloudEvents.Binding.KAFKA.header(CloudEvents.TIME);
    /** The data's media type. */
    public static final String CONTENT_TYPE = CloudEvents.Binding.KAFKA.header(CloudEvents.DATACONTENTTYPE);
    /** The serializer's extension name. */
    public static final String CE_SERIALIZER = CloudEvents.Binding.KAFKA.header(CloudEvents.SERIALIZER);
    /** The distributed tracing extension's trace parent. */
    public static final String CE_TRACEPARENT = CloudEvents.Binding.KAFKA.header(CloudEvents.TRACEPARENT);
    /** The distributed tracing extension's trace state. */
    public static final String CE_TRACESTATE = CloudEvents.Binding.KAFKA.header(CloudEvents.TRACESTATE);

    /** The event id, before CloudEvents. */
    public static final String ID = "courier-id";
    /** The publishing time, before CloudEvents: 8 bytes. */
    public static final String TIME = "courier-time";
    /** The payload's class name, before CloudEvents. */
    public static final String TYPE = "courier-type";
    /** The publishing application, before CloudEvents. */
    public static final String SOURCE = "courier-source";
    /** The serializer's extension name, before CloudEvents. */
    public static final String SERIALIZER = "courier-serializer";
    /** W3C trace parent. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C trace state. */
    public static final String TRACESTATE = "tracestate";
    /** Why an event was dead-lettered. */
    public static final String DLT_REASON = "courier-dlt-reason";
    /** The topic a dead-lettered event was read from. */
    public static final String DLT_TOPIC = "courier-dlt-topic";
    /** The partition a dead-lettered event was read from. */
    public static final String DLT_PARTITION = "courier-dlt-partition";
    /** The offset a dead-lettered event was read from. */
    public static final String DLT_OFFSET = "courier-dlt-offset";
    /** The consumer group that dead-lettered it. */
    public static final String DLT_GROUP = "courier-dlt-group";
    /** How many attempts were made. */
    public static final String DLT_ATTEMPTS = "courier-dlt-attempts";

    /** The longest text a header of ours carries; longer text (a reason) is cut. */
    static final int MAX_TEXT = 2048;

    private EventHeaders() {}

    /** The last value of header {@code name} as UTF-8 text, or {@code null}. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String text) {
        String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return cut.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * A random (version 4) UUID in its text form, as US-ASCII bytes (what {@link java.util.UUID#toString}
     * gives, without the String): {@link ThreadLocalRandom} rather than SecureRandom's cost, since ids
     * need to be unique, not secret.
     */
    static byte[] randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        byte[] text = new byte[36];
        hex(most >>> 32, text, 0, 8);
        text[8] = '-';
        hex(most >>> 16, text, 9, 4);
        text[13] = '-';
        hex(most, text, 14, 4);
        text[18] = '-';
        hex(least >>> 48, text, 19, 4);
        text[23] = '-';
        hex(least, text, 24, 12);
        return text;
    }

    /** The low {@code digits} hex digits of {@code value} into {@code text} from {@code at}. */
    private static void hex(long value, byte[] text, int at, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            text[i] = HEX[(int) value & 0xF];
            value >>>= 4;
        }
    }
}
