package io.courier.test;

import java.util.Map;

/** Boxes and unboxes primitive types, for type checks of stubbed values. */
final class Primitives {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class,
            byte.class, Byte.class,
            short.class, Short.class,
            char.class, Character.class,
            int.class, Integer.class,
            long.class, Long.class,
            float.class, Float.class,
            double.class, Double.class,
            void.class, Void.class);

    private static final Map<Class<?>, Object> ZEROS = Map.of(
            boolean.class,
            false,
            byte.class,
            (byte) 0,
            short.class,
            (short) 0,
            char.class,
            (char) 0,
            int.class,
            0,
            long.class,
            0L,
            float.class,
            0f,
            double.class,
            0d);

    private Primitives() {}

    /** The wrapper of {@code type} if it is primitive, else {@code type}. */
    static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? BOXES.get(type) : type;
    }

    /** What a method returning {@code type} returns when it has nothing to say: 0, false or null. */
    static Object zero(Class<?> type) {
        return ZEROS.get(type);
    }
}
