package io.courier.rest.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The conversions of path, query and header text to parameter types and back: strings, numbers (no
 * coercion: {@code 1.5} is not an {@code int}), {@code true}/{@code false}, enums by constant name,
 * {@code UUID}, {@code java.time} as ISO-8601, and {@code List}/{@code Set} of those from repeated
 * values. What is not here is refused when a service is mapped. A caller without the service's classes
 * (the gateway) converts by the published type names ({@link #named}), an enum as its constants.
 */
final class TextValues {

    private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry(String.class, text -> text),
            Map.entry(int.class, Integer::valueOf),
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(long.class, Long::valueOf),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(short.class, Short::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(byte.class, Byte::valueOf),
            Map.entry(Byte.class, Byte::valueOf),
            Map.entry(double.class, Double::valueOf),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(float.class, Float::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(boolean.class, TextValues::bool),
            Map.entry(Boolean.class, TextValues::bool),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(BigInteger.class, BigInteger::new),
            Map.entry(UUID.class, UUID::fromString),
            Map.entry(LocalDate.class, LocalDate::parse),
            Map.entry(LocalDateTime.class, LocalDateTime::parse),
            Map.entry(LocalTime.class, LocalTime::parse),
            Map.entry(Instant.class, Instant::parse),
            Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
            Map.entry(ZonedDateTime.class, ZonedDateTime::parse),
            Map.entry(Duration.class, Duration::parse));

    private TextValues() {}

    /** An enum known by its name and constants only (a caller without its class): its values stay text. */
    record NamedEnum(String name, List<String> constants) implements Type {
        NamedEnum {
            constants = List.copyOf(constants);
        }

        @Override
        public String getTypeName() {
            return name;
        }
    }

    /** A {@code List} or {@code Set} of a published element type. */
    private record Many(Class<?> raw, Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            return raw.getName() + "<" + element.getTypeName() + ">";
        }
    }

    /**
     * The type a provider published as {@code typeName} ({@link Type#getTypeName()}), an enum (or a
     * collection of one) given by {@code constants}.
     *
     * @throws IllegalArgumentException for a name this class does not convert
     */
    static Type named(String typeName, List<String> constants) {
        for (Class<?> raw : List.of(List.class, Set.class)) {
            String prefix = raw.getName() + "<";
            if (typeName.startsWith(prefix) && typeName.endsWith(">")) {
                return new Many(raw, named(typeName.substring(prefix.length(), typeName.length() - 1), constants));
            }
        }
        for (Class<?> scalar : PARSERS.keySet()) {
            if (scalar.getTypeName().equals(typeName)) {
                return scalar;
            }
        }
        if (constants != null) {
            return new NamedEnum(typeName, constants);
        }
        throw new IllegalArgumentException("'" + typeName + "' (expected: a type REST converts from text)");
    }

    /** The constants of {@code type}'s enum, or of its elements' ({@code null} when not an enum). */
    static List<String> constantsOf(Type type) {
        Type element = many(type) ? ((ParameterizedType) type).getActualTypeArguments()[0] : type;
        if (element instanceof Class<?> raw && raw.isEnum()) {
            return java.util.Arrays.stream(raw.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name())
                    .toList();
        }
        return element instanceof NamedEnum named ? named.constants() : null;
    }

    /** Whether {@code type} is a scalar this class converts, or a {@code List}/{@code Set} of one. */
    static boolean supports(Type type) {
        Type element = elementOf(type);
        return element != null && scalar(element);
    }

    /** Whether {@code type} is a {@code List} or {@code Set} (of a supported scalar). */
    static boolean many(Type type) {
        return type instanceof ParameterizedType parameterized
                && (parameterized.getRawType() == List.class || parameterized.getRawType() == Set.class);
    }

    /** The scalar type of {@code type}: itself, or the element of a {@code List}/{@code Set}; null if neither. */
    static Type elementOf(Type type) {
        if (type instanceof Class<?> || type instanceof NamedEnum) {
            return type;
        }
        if (many(type)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return (element instanceof Class<?> raw && !raw.isPrimitive()) || element instanceof NamedEnum
                    ? element
                    : null;
        }
        return null;
    }

    private static boolean scalar(Type type) {
        return type instanceof NamedEnum || PARSERS.containsKey(type) || (type instanceof Class<?> c && c.isEnum());
    }

    /**
     * {@code text} as {@code type}.
     *
     * @throws IllegalArgumentException with the expectation, when it does not convert
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object parse(String text, Type type) {
        try {
            if (type instanceof NamedEnum named) {
                if (!named.constants().contains(text)) {
                    throw new IllegalArgumentException(text);
                }
                return text;
            }
            if (type instanceof Class<?> raw && raw.isEnum()) {
                return Enum.valueOf((Class) raw, text);
            }
            return PARSERS.get(type).apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected: " + expectation(type));
        }
    }

    /** {@code values} as {@code type}: the last of them for a scalar, all of them for a collection. */
    static Object parseAll(List<String> values, Type type) {
        Type element = elementOf(type);
        if (!many(type)) {
            return values.isEmpty() ? absent(element) : parse(values.get(values.size() - 1), element);
        }
        List<Object> parsed = new java.util.ArrayList<>(values.size());
        for (String value : values) {
            parsed.add(parse(value, element));
        }
        Class<?> raw = (Class<?>) ((ParameterizedType) type).getRawType();
        return raw == Set.class ? Set.copyOf(parsed) : List.copyOf(parsed);
    }

    /** What an absent value is: null, or a primitive's zero (JAX-RS's rule without a default). */
    private static Object absent(Type type) {
        if (!(type instanceof Class<?> raw) || !raw.isPrimitive()) {
            return null;
        }
        return type == boolean.class ? Boolean.FALSE : parse("0", type);
    }

    /** {@code value} as text, as {@link #parse} reads it back. */
    static String format(Object value) {
        return value instanceof Enum<?> constant ? constant.name() : String.valueOf(value);
    }

    private static Object bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String expectation(Type element) {
        List<String> constants = constantsOf(element);
        if (constants != null) {
            return "one of " + constants;
        }
        Class<?> type = (Class<?>) element;
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.getPackageName().equals("java.time")) {
            return "an ISO-8601 " + type.getSimpleName();
        }
        return type == String.class ? "text" : "a " + type.getSimpleName();
    }
}
