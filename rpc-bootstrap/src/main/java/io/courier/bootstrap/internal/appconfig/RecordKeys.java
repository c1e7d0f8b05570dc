package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigPrefix;
import io.courier.api.config.ConfigValue;
import io.courier.api.config.ConfigValueException;
import io.courier.api.config.KeyDeclaration;
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
 * @param declarations what it publishes of them, in the same order
 */
public record RecordKeys<R extends Record>(Class<R> type, List<ConfigKey<?>> keys, List<KeyDeclaration> declarations) {

    /** @throws IllegalArgumentException if {@code type} lacks {@link ConfigPrefix} or has a component of an unsupported type */
    public static <R extends Record> RecordKeys<R> of(Class<R> type) {
        ConfigPrefix prefix = type.getAnnotation(ConfigPrefix.class);
        if (prefix == null || prefix.value().isBlank()) {
            throw new IllegalArgumentException(
                    type.getName() + ": no prefix (expected: @ConfigPrefix(\"shop\") on the record)");
        }
        List<ConfigKey<?>> keys = new ArrayList<>();
        List<KeyDeclaration> declarations = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            add(prefix.value() + "." + kebab(component.getName()), component, keys, declarations);
        }
        return new RecordKeys<>(type, List.copyOf(keys), List.copyOf(declarations));
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

    private static void add(
            String name, RecordComponent component, List<ConfigKey<?>> keys, List<KeyDeclaration> declarations) {
        ConfigValue declared = component.getAnnotation(ConfigValue.class);
        long min = declared == null ? Long.MIN_VALUE : declared.min();
        long max = declared == null ? Long.MAX_VALUE : declared.max();
        String meaning = declared == null ? "" : declared.meaning();
        String defaultText = declared == null ? "" : declared.defaultValue();
        String check = KeyDeclaration.check(
                kind(name, component.getGenericType(), declared != null && declared.secret()), min, max);
        ValueType<?> type = KeyDeclaration.type(check);
        ConfigKey<?> key = ConfigKey.application(name, erase(type), defaultValue(name, type, defaultText), meaning);
        keys.add(key);
        declarations.add(KeyDeclaration.of(key, check));
    }

    /** The kind of check a component's Java type stands for ({@link KeyDeclaration#type}). */
    private static String kind(String name, Type type, boolean secret) {
        if (type == int.class || type == Integer.class) {
            return "int";
        } else if (type == long.class || type == Long.class) {
            return "long";
        } else if (type == double.class || type == Double.class) {
            return "decimal";
        } else if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        } else if (type == String.class) {
            return secret ? "secret" : "string";
        } else if (type == Duration.class) {
            return "duration";
        } else if (type instanceof ParameterizedType list
                && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == String.class) {
            return "list";
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
