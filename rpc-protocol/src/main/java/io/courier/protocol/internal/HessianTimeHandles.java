package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.AbstractHessianOutput;
import com.alibaba.com.caucho.hessian.io.Serializer;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Writes {@code LocalDate}, {@code LocalTime} and {@code LocalDateTime} as the very hessian handles
 * hessian-lite writes for them ({@code com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle} with
 * {@code day, month, year}; {@code LocalTimeHandle} with {@code nano, second, minute, hour};
 * {@code LocalDateTimeHandle} with {@code time, date}: its field order), byte for byte, so every hessian reader, Dubbo's
 * included, reads them as before. hessian-lite builds each handle by looking its getters up by
 * reflection, value after value: measured on a Dubbo client's {@code listUser}, that lookup was most of
 * the provider's CPU time. Here each field is read by its getter.
 */
final class HessianTimeHandles {

    private static final String PACKAGE = "com.alibaba.com.caucho.hessian.io.java8.";

    static final Serializer LOCAL_DATE = (value, out) -> {
        LocalDate date = (LocalDate) value;
        begin(out, PACKAGE + "LocalDateHandle", "day", "month", "year");
        out.writeInt(date.getDayOfMonth());
        out.writeInt(date.getMonthValue());
        out.writeInt(date.getYear());
    };

    static final Serializer LOCAL_TIME = (value, out) -> {
        LocalTime time = (LocalTime) value;
        begin(out, PACKAGE + "LocalTimeHandle", "nano", "second", "minute", "hour");
        out.writeInt(time.getNano());
        out.writeInt(time.getSecond());
        out.writeInt(time.getMinute());
        out.writeInt(time.getHour());
    };

    static final Serializer LOCAL_DATE_TIME = (value, out) -> {
        LocalDateTime dateTime = (LocalDateTime) value;
        begin(out, PACKAGE + "LocalDateTimeHandle", "time", "date");
        out.writeObject(dateTime.toLocalTime());
        out.writeObject(dateTime.toLocalDate());
    };

    private HessianTimeHandles() {}

    /** The writer of {@code type}'s handle, or {@code null} for other types. */
    static Serializer of(Class<?> type) {
        if (type == LocalDate.class) {
            return LOCAL_DATE;
        }
        if (type == LocalTime.class) {
            return LOCAL_TIME;
        }
        if (type == LocalDateTime.class) {
            return LOCAL_DATE_TIME;
        }
        return null;
    }

    /**
     * Starts an instance of {@code handleClass} with {@code fields}, its class defined on first use in
     * the stream. hessian-lite counts each handle it writes as an object the reader may refer back to;
     * so is this one (a placeholder takes its place in the writer's reference table).
     */
    private static void begin(AbstractHessianOutput out, String handleClass, String... fields) throws IOException {
        out.addRef(new Object());
        if (out.writeObjectBegin(handleClass) == -1) {
            out.writeClassFieldLength(fields.length);
            for (String field : fields) {
                out.writeString(field);
            }
            out.writeObjectBegin(handleClass);
        }
    }
}
