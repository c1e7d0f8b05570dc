package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.AbstractDeserializer;
import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.AbstractHessianOutput;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import com.alibaba.com.caucho.hessian.io.Serializer;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Writes and reads {@code LocalDate}, {@code LocalTime} and {@code LocalDateTime} as the very hessian handles
 * hessian-lite writes for them ({@code com.alibaba.com.caucho.hessian.io.java8.LocalDateHandle} with
 * {@code day, month, year}; {@code LocalTimeHandle} with {@code nano, second, minute, hour};
 * {@code LocalDateTimeHandle} with {@code time, date}: its field order), byte for byte, so every hessian reader, Dubbo's
 * included, reads them as before. hessian-lite builds each handle by looking its getters up by
 * reflection, value after value, and rebuilds each value read through a {@code readResolve} that looks
 * its factory method up the same way: measured on a Dubbo client's {@code listUser}, that lookup was most
 * of the provider's CPU time. Here each field is read by its getter, and each value built by its factory.
 * A field the handle does not have is read and skipped; an impossible date or time is refused as {@code
 * SERIALIZATION}.
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

    /** The reader of the handle class {@code type}, or {@code null} for other types. */
    static Deserializer reader(Class<?> type) {
        return switch (type.getName()) {
            case PACKAGE + "LocalDateHandle" -> new HandleReader(type, LocalDate.class);
            case PACKAGE + "LocalTimeHandle" -> new HandleReader(type, LocalTime.class);
            case PACKAGE + "LocalDateTimeHandle" -> new HandleReader(type, LocalDateTime.class);
            default -> null;
        };
    }

    /** Reads one handle's fields and builds its value, which takes the handle's place among the references. */
    private static final class HandleReader extends AbstractDeserializer {
        private final Class<?> handleType;
        private final Class<?> valueType;

        HandleReader(Class<?> handleType, Class<?> valueType) {
            this.handleType = handleType;
            this.valueType = valueType;
        }

        @Override
        public Class getType() {
            return handleType;
        }

        @Override
        public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
            int ref = in.addRef(null);
            int[] parts = new int[7]; // year, month, day, hour, minute, second, nano
            Object date = null;
            Object time = null;
            for (String field : fieldNames) {
                switch (field) {
                    case "year" -> parts[0] = in.readInt();
                    case "month" -> parts[1] = in.readInt();
                    case "day" -> parts[2] = in.readInt();
                    case "hour" -> parts[3] = in.readInt();
                    case "minute" -> parts[4] = in.readInt();
                    case "second" -> parts[5] = in.readInt();
                    case "nano" -> parts[6] = in.readInt();
                    case "date" -> date = in.readObject();
                    case "time" -> time = in.readObject();
                    default -> in.readObject();
                }
            }
            Object value;
            try {
                if (valueType == LocalDate.class) {
                    value = LocalDate.of(parts[0], parts[1], parts[2]);
                } else if (valueType == LocalTime.class) {
                    value = LocalTime.of(parts[3], parts[4], parts[5], parts[6]);
                } else if (date instanceof LocalDate day && time instanceof LocalTime at) {
                    value = LocalDateTime.of(day, at);
                } else {
                    throw new RpcException(ErrorCode.SERIALIZATION, "a LocalDateTime handle without a date and a time");
                }
            } catch (DateTimeException e) {
                throw new RpcException(
                        ErrorCode.SERIALIZATION, "an impossible " + valueType.getSimpleName() + ": " + e.getMessage());
            }
            in.setRef(ref, value);
            return value;
        }
    }

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
