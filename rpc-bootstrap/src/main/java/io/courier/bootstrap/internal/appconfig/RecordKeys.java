package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigPrefix;
import io.courier.api.config.ConfigValue;
import io.courier.api.config.ConfigValueException;
import io.courier.api.config.ValueType;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The keys of a {@link ConfigPrefix} record, one per component ({@code discountPercent} under
 * {@code shop} is {@code shop.discount-percent}), and the record built from their values.
 *
 * @param type the record
 * @param keys its keys, in component order
 */
public record RecordKeys<R extends Record>(Class<R> type, List<ConfigKey<?>> keys) {

    /** @throws IllegalArgumentException if {@code type} lacks {@link ConfigPrefix} or has a component of an unsupported type */
    public static <R extends Record> RecordKeys<R> of(Class<R> type) {
        ConfigPrefix prefix = type.getAnnotation(ConfigPrefix.class);
        if (prefix == null || prefix.value().isBlank()) {
            throw new IllegalArgumentException(
                    type.getName() + ": no prefix (expected: @ConfigPrefix(\"shop\") on the record)");
        }
        List<ConfigKey<?>> keys = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            keys.add(key(prefix.value() + "." + kebab(component.getName()), component));
        }
        return new RecordKeys<>(type, List.copyOf(keys));
    }

    /** The record holding {@code values}, one per key in order. */
    R build(List<Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values.toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type.getName() + " refused its settings: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName() + ": " + e, e);
        }
    }

    private static ConfigKey<?> key(String name, RecordComponent component) {
        ConfigValue declared = component.getAnnotation(ConfigValue.class);
        long min = declared == null ? Long.MIN_VALUE : declared.min();
        long max = declared == null ? Long.MAX_VALUE : declared.max();
        String meaning = declared == null ? "" : declared.meaning();
        String defaultText = declared == null ? "" : declared.defaultValue();
        ValueType<?> type = type(name, component.getGenericType(), min, max, declared != null && declared.secret());
        return ConfigKey.application(name, erase(type), defaultValue(name, type, defaultText), meaning);
    }

    private static ValueType<?> type(String name, Type type, long min, long max, boolean secret) {
        if (type == int.class || type == Integer.class) {
            return ValueType.integer((int) Math.max(min, Integer.MIN_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
        } else if (type == long.class || type == Long.class) {
            return min == Long.MIN_VALUE && max == Long.MAX_VALUE
                    ? ValueType.of("long", "an integer", Long::valueOf)
                    : ValueType.longInteger(min, max);
        } else if (type == double.class || type == Double.class) {
            return ValueType.decimal(
                    min == Long.MIN_VALUE ? -Double.MAX_VALUE : min, max == Long.MAX_VALUE ? Double.MAX_VALUE : max);
        } else if (type == boolean.class || type == Boolean.class) {
            return ValueType.bool();
        } else if (type == String.class) {
            return secret ? ValueType.secretText() : ValueType.string();
        } else if (type == Duration.class) {
            return ValueType.duration(
                    Duration.ofMillis(Math.max(0, min)),
                    max == Long.MAX_VALUE ? Duration.ofDays(36_500) : Duration.ofMillis(max));
        } else if (type instanceof ParameterizedType list
                && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == String.class) {
            return ValueType.list();
        }
        throw new IllegalArgumentException(name + ": " + type.getTypeName()
                + " (expected: int, long, double, boolean, String, Duration or List<String>)");
    }

    private static Object defaultValue(String name, ValueType<?> type, String text) {
        if (text.isEmpty()) {
            return type.name().equals("string") || type.name().equals("secret") ? "" : null;
        }
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigValueException(name, type.show(text), type.expectation(), "@ConfigValue default");
        }
    }

    @SuppressWarnings("unchecked")
    private static ValueType<Object> erase(ValueType<?> type) {
        return (ValueType<Object>) type;
    }

    /** {@code discountPercent} is {@code discount-percent}. */
    static String kebab(String name) {
        StringBuilder result = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                result.append('-').append(Character.toLowerCase(c));
            } else {
                result.append(c);
            }
        }
        return result.toString().toLowerCase(Locale.ROOT);
    }
}
