package io.courier.grpc.internal.schema;

import com.google.protobuf.ByteString;
import io.courier.grpc.internal.schema.ProtoType.Scalar;
import io.courier.grpc.internal.schema.ProtoType.ScalarKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Java's scalar types and how each travels: {@code boolean}, {@code int} (and {@code short}, {@code byte}),
 * {@code long}, {@code float}, {@code double} and their boxes as protobuf's own scalars, {@code String} and
 * {@code char} as {@code string}, {@code byte[]} as {@code bytes}, and the text types (ISO-8601
 * {@code java.time} values, {@code BigDecimal}, {@code BigInteger}, {@code UUID}) as their
 * {@code toString()} form.
 */
final class Scalars {

    /** The text types, each with the parser of its {@code toString()} form. */
    private static final Map<Class<?>, Function<String, Object>> TEXT = Map.ofEntries(
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(BigInteger.class, BigInteger::new),
            Map.entry(UUID.class, UUID::fromString),
            Map.entry(LocalDate.class, LocalDate::parse),
            Map.entry(LocalTime.class, LocalTime::parse),
            Map.entry(LocalDateTime.class, LocalDateTime::parse),
            Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
            Map.entry(OffsetTime.class, OffsetTime::parse),
            Map.entry(ZonedDateTime.class, ZonedDateTime::parse),
            Map.entry(Period.class, Period::parse),
            Map.entry(Year.class, Year::parse),
            Map.entry(YearMonth.class, YearMonth::parse),
            Map.entry(MonthDay.class, MonthDay::parse),
            Map.entry(ZoneId.class, ZoneId::of));

    private Scalars() {}

    /** The scalar form of {@code type}, or {@code null} when it is not a scalar. */
    static Scalar of(Class<?> type) {
        ScalarKind kind = kind(type);
        return kind == null ? null : new Scalar(kind, type);
    }

    private static ScalarKind kind(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return ScalarKind.BOOL;
        }
        if (type == int.class
                || type == Integer.class
                || type == short.class
                || type == Short.class
                || type == byte.class
                || type == Byte.class) {
            return ScalarKind.INT32;
        }
        if (type == long.class || type == Long.class) {
            return ScalarKind.INT64;
        }
        if (type == float.class || type == Float.class) {
            return ScalarKind.FLOAT;
        }
        if (type == double.class || type == Double.class) {
            return ScalarKind.DOUBLE;
        }
        if (type == String.class || type == char.class || type == Character.class || TEXT.containsKey(type)) {
            return ScalarKind.STRING;
        }
        if (type == byte[].class) {
            return ScalarKind.BYTES;
        }
        return null;
    }

    /** The protobuf value of a Java value of {@code scalar}'s type. */
    static Object write(Scalar scalar, Object value) {
        Class<?> type = scalar.javaType();
        return switch (scalar.kind()) {
            case INT32 -> ((Number) value).intValue();
            case STRING -> value instanceof String text ? text : value.toString();
            case BYTES -> ByteString.copyFrom((byte[]) value);
            default -> type == float.class || type == Float.class ? (Float) value : value;
        };
    }

    /**
     * The Java value of a protobuf value read for {@code scalar}.
     *
     * @throws IllegalArgumentException if it does not fit the Java type (a {@code short} out of range, a
     *     date that does not parse)
     */
    static Object read(Scalar scalar, Object value, String where) {
        Class<?> type = scalar.javaType();
        if (type == short.class || type == Short.class) {
            int number = (Integer) value;
            if (number != (short) number) {
                throw new IllegalArgumentException(where + ": " + number + " (expected: a short)");
            }
            return (short) number;
        }
        if (type == byte.class || type == Byte.class) {
            int number = (Integer) value;
            if (number != (byte) number) {
                throw new IllegalArgumentException(where + ": " + number + " (expected: a byte)");
            }
            return (byte) number;
        }
        if (type == char.class || type == Character.class) {
            String text = (String) value;
            if (text.isEmpty() && type == char.class) {
                return '\0'; // absent: a primitive's default
            }
            if (text.length() != 1) {
                throw new IllegalArgumentException(
                        where + ": '" + text + "' (expected: a string of one character, a char)");
            }
            return text.charAt(0);
        }
        if (scalar.kind() == ScalarKind.BYTES) {
            return ((ByteString) value).toByteArray();
        }
        Function<String, Object> parser = TEXT.get(type);
        if (parser != null) {
            try {
                return parser.apply((String) value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        where + ": '" + value + "' (expected: a " + type.getSimpleName() + "): " + e.getMessage());
            }
        }
        return value;
    }
}
