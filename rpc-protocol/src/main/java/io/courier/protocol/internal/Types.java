package io.courier.protocol.internal;

import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/** Facts about declared types that serializers decide encodings by; computed once per class. */
public final class Types {

    private static final ClassValue<Boolean> PLAIN_OBJECT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String name = type.getName();
            return !type.isPrimitive()
                    && !type.isArray()
                    && !type.isInterface()
                    && !type.isEnum()
                    && !type.isRecord()
                    && !Modifier.isAbstract(type.getModifiers())
                    && !Throwable.class.isAssignableFrom(type)
                    && !Collection.class.isAssignableFrom(type)
                    && !Map.class.isAssignableFrom(type)
                    && !name.startsWith("java.")
                    && !name.startsWith("javax.");
        }
    };

    private Types() {}

    /** The class of a declared type, erasing generics; {@code Object} for anything else. */
    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> cls) {
            return cls;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> cls) {
            return cls;
        }
        return Object.class;
    }

    /** The wrapper class of a primitive, the class itself otherwise. */
    public static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        if (type == float.class) {
            return Float.class;
        }
        if (type == short.class) {
            return Short.class;
        }
        if (type == byte.class) {
            return Byte.class;
        }
        if (type == char.class) {
            return Character.class;
        }
        return Void.class;
    }

    /**
     * Whether {@code type} is an application class with fields that a serializer can write without
     * naming its class: concrete, not a record, enum, throwable, collection, map or JDK class.
     */
    public static boolean plainObject(Class<?> type) {
        return PLAIN_OBJECT.get(type);
    }

    /** The element class of a declared {@code List<E>}, {@code Set<E>} or {@code Collection<E>}, or null. */
    public static Class<?> plainElementOf(Type declared) {
        if (declared instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                && plainObject(element)) {
            Class<?> raw = raw(declared);
            if (raw == java.util.List.class || raw == Collection.class || raw == java.util.Set.class) {
                return element;
            }
        }
        return null;
    }
}
