package io.courier.events.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka record headers that carry an event's envelope, and those a dead-lettered event gains.
 * The record's key is the event's key (UTF-8), its value the payload as the serializer wrote it.
 *
 * <pre>
 * courier-id          UTF-8   the event id (a UUID)
 * courier-time        8 bytes publishing time, epoch milliseconds, big-endian
 * courier-type        UTF-8   the payload's binary class name (information only, never loaded)
 * courier-source      UTF-8   the publishing application
 * courier-serializer  UTF-8   the Courier serializer the payload was written with
 * traceparent         UTF-8   W3C trace context of the publishing span, when there is one
 * tracestate          UTF-8   W3C trace state, when there is one
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

    /** The event id. */
    public static final String ID = "courier-id";
    /** The publishing time. */
    public static final String TIME = "courier-time";
    /** The payload's class name. */
    public static final String TYPE = "courier-type";
    /** The publishing application. */
    public static final String SOURCE = "courier-source";
    /** The serializer's extension name. */
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

    /** The publishing time header, or {@code -1} if it is missing or malformed. */
    static long time(Headers headers) {
        Header header = headers.lastHeader(TIME);
        return header == null || header.value() == null || header.value().length != 8
                ? -1
                : ByteBuffer.wrap(header.value()).getLong();
    }

    static byte[] utf8(String text) {
        String cut = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return cut.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] millis(long millis) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) millis;
            millis >>>= 8;
        }
        return bytes;
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
