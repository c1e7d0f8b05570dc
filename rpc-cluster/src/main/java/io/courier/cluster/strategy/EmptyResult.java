package io.courier.cluster.strategy;

import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import java.lang.reflect.Type;

/**
 * The answer of a call that failsafe or failback gave up on: {@code null}, or the zero value of a
 * primitive return type, so that a synchronous proxy can return it without unboxing a null.
 * Computed on the failure path only.
 */
final class EmptyResult {

    private EmptyResult() {}

    static RpcResult of(MethodDescriptor method) {
        Type type = method.resultType();
        if (!(type instanceof Class<?> clazz) || !clazz.isPrimitive()) {
            return RpcResult.of(null);
        }
        Object zero;
        if (clazz == boolean.class) {
            zero = Boolean.FALSE;
        } else if (clazz == char.class) {
            zero = '\0';
        } else if (clazz == byte.class) {
            zero = (byte) 0;
        } else if (clazz == short.class) {
            zero = (short) 0;
        } else if (clazz == int.class) {
            zero = 0;
        } else if (clazz == long.class) {
            zero = 0L;
        } else if (clazz == float.class) {
            zero = 0f;
        } else if (clazz == double.class) {
            zero = 0d;
        } else {
            zero = null;
        }
        return RpcResult.of(zero);
    }
}
