package io.courier.proxy.internal;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;

/**
 * Converts a call's result to a method's primitive return type. A {@code null} or a value of
 * another type (a provider on another version of the interface, or an invoker that answered with
 * an empty result) becomes an {@link RpcException} coded {@link ErrorCode#SERIALIZATION} that
 * names the method, rather than a {@code NullPointerException} or {@code ClassCastException} in
 * generated code. Called by generated proxies.
 */
public final class ResultValues {

    private ResultValues() {}

    public static boolean toBoolean(Object value, MethodDescriptor method) {
        if (value instanceof Boolean result) {
            return result;
        }
        throw mismatch(value, boolean.class, method);
    }

    public static byte toByte(Object value, MethodDescriptor method) {
        if (value instanceof Byte result) {
            return result;
        }
        throw mismatch(value, byte.class, method);
    }

    public static char toChar(Object value, MethodDescriptor method) {
        if (value instanceof Character result) {
            return result;
        }
        throw mismatch(value, char.class, method);
    }

    public static short toShort(Object value, MethodDescriptor method) {
        if (value instanceof Short result) {
            return result;
        }
        throw mismatch(value, short.class, method);
    }

    public static int toInt(Object value, MethodDescriptor method) {
        if (value instanceof Integer result) {
            return result;
        }
        throw mismatch(value, int.class, method);
    }

    public static long toLong(Object value, MethodDescriptor method) {
        if (value instanceof Long result) {
            return result;
        }
        throw mismatch(value, long.class, method);
    }

    public static float toFloat(Object value, MethodDescriptor method) {
        if (value instanceof Float result) {
            return result;
        }
        throw mismatch(value, float.class, method);
    }

    public static double toDouble(Object value, MethodDescriptor method) {
        if (value instanceof Double result) {
            return result;
        }
        throw mismatch(value, double.class, method);
    }

    /** {@code value} checked against {@code type} when it is primitive; returned as it is otherwise. */
    static Object checkPrimitive(Object value, Class<?> type, MethodDescriptor method) {
        if (type.isPrimitive() && !Primitives.wrap(type).isInstance(value)) {
            throw mismatch(value, type, method);
        }
        return value;
    }

    /** The source of the call converting {@code expression} to primitive {@code type}. */
    static String conversion(Class<?> type, String expression, String method) {
        String name = type.getName();
        return ResultValues.class.getName() + ".to" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "("
                + expression + ", " + method + ")";
    }

    private static RpcException mismatch(Object value, Class<?> type, MethodDescriptor method) {
        String actual = value == null ? "null" : value.getClass().getName();
        return new RpcException(
                ErrorCode.SERIALIZATION,
                method.descriptor() + " returned " + actual + " (expected: " + type.getName() + ")");
    }
}
