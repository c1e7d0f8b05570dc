package io.courier.events.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The {@code time} attribute's RFC 3339 text, made and read once per event without java.time's
 * formatters, which cost more than the rest of an event's envelope: the form Courier writes, UTC to
 * the millisecond as {@link Instant#toString} gives it ({@code 2026-11-27T14:05:09.120Z}, no fraction
 * at a whole second), is written from its second's text, made once per second, and read field by
 * field; any other time is written by {@link Instant#toString}, and any other text read by {@link
 * OffsetDateTime#parse}, which also judges every text the quick reading refuses. Thread-safe.
 */
final class Rfc3339 {

    /** 9999-12-31T23:59:59Z: beyond it {@link Instant#toString} writes a five-digit year. */
    private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_799L;

    private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    /** A second since the epoch and its text without the zone ({@code 2026-11-27T14:05:09}). */
    private record Second(long epochSecond, String text) {}

    private static volatile Second last = new Second(-1, "");

    private Rfc3339() {}

    /** {@code time} as {@link Instant#toString} writes it. */
    static String format(Instant time) {
        long epochSecond = time.getEpochSecond();
        int nanos = time.getNano();
        if (nanos % 1_000_000 != 0 || epochSecond < 0 || epochSecond > LAST_FOUR_DIGIT_SECOND) {
            return time.toString();
        }
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
            last = second;
        }
        int millis = nanos / 1_000_000;
        if (millis == 0) {
            return second.text() + 'Z';
        }
        String text = second.text();
        char[] out = new char[text.length() + 5];
        text.getChars(0, text.length(), out, 0);
        int at = text.length();
        out[at] = '.';
        out[at + 1] = (char) ('0' + millis / 100);
        out[at + 2] = (char) ('0' + millis / 10 % 10);
        out[at + 3] = (char) ('0' + millis % 10);
        out[at + 4] = 'Z';
        return new String(out);
    }

    /**
     * The time {@code text} names, with any offset.
     *
     * @throws java.time.format.DateTimeParseException if it is not an RFC 3339 time
     */
    static Instant parse(String text) {
        Instant quick = utc(text);
        return quick != null ? quick : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} read field by field; {@code null} for any other text or an invalid date. */
    private static Instant utc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z') {
            return null;
        }
        if (text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1) {
                return null;
            }
            int value = digits(text, 20, fraction);
            nanos = value < 0 ? -1 : value * SCALE[fraction];
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long days = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // such as February 30: the full parser says why
        }
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
