package io.courier.proxy.internal;

import java.util.Map;

/** The wrapper class of each primitive type, and how generated source boxes and unboxes it. */
final class Primitives {

    private static final Map<Class<?>, Class<?>> WRAPPERS = Map.of(
            boolean.class, Boolean.class,
            byte.class, Byte.class,
            char.class, Character.class,
            short.class, Short.class,
            int.class, Integer.class,
            long.class, Long.class,
            float.class, Float.class,
            double.class, Double.class,
            void.class, Void.class);

    private Primitives() {}

    /** The wrapper of a primitive type, or {@code type} itself. */
    static Class<?> wrap(Class<?> type) {
        return type.isPrimitive() ? WRAPPERS.get(type) : type;
    }

    /** Source that boxes {@code expression} of primitive {@code type}: {@code java.lang.Integer.valueOf(x)}. */
    static String box(Class<?> type, String expression) {
        return wrap(type).getName() + ".valueOf(" + expression + ")";
    }

    /** Source that unboxes {@code expression}, an {@code Object} known to hold {@code type}'s wrapper. */
    static String unbox(Class<?> type, String expression) {
        return "((" + wrap(type).getName() + ") " + expression + ")." + type.getName() + "Value()";
    }
}
