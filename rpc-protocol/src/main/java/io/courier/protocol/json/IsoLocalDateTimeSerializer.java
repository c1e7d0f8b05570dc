package io.courier.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.ser.LocalDateTimeSerializer;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@code LocalDateTime} as the text {@link DateTimeFormatter#ISO_LOCAL_DATE_TIME} prints
 * ({@code 2026-11-22T10:00:00}, the fraction of a second with its trailing zeros dropped), digit by
 * digit: the formatter's general machinery was a tenth of what a JSON answer with two of them
 * allocated. A year outside 0..9999, a property with its own {@code @JsonFormat} (which gets Jackson's
 * serializer, contextual) and timestamps go to Jackson's. Immutable and thread-safe.
 */
final class IsoLocalDateTimeSerializer extends LocalDateTimeSerializer {

    private static final long serialVersionUID = 1L;

    static final IsoLocalDateTimeSerializer INSTANCE = new IsoLocalDateTimeSerializer();

    private IsoLocalDateTimeSerializer() {}

    @Override
    public void serialize(LocalDateTime value, JsonGenerator generator, SerializerProvider provider)
            throws IOException {
        int year = value.getYear();
        if (_formatter != null || year < 0 || year > 9999 || useTimestamp(provider)) {
            super.serialize(value, generator, provider);
            return;
        }
        char[] text = new char[29]; // yyyy-MM-ddTHH:mm:ss.nnnnnnnnn
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, value.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, value.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, value.getHour(), 2);
        text[13] = ':';
        digits(text, 14, value.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, value.getSecond(), 2);
        int length = 19;
        int nano = value.getNano();
        if (nano != 0) {
            text[19] = '.';
            digits(text, 20, nano, 9);
            length = 29;
            while (text[length - 1] == '0') {
                length--;
            }
        }
        generator.writeString(text, 0, length);
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
