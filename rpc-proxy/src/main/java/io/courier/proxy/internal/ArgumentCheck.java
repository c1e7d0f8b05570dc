package io.courier.proxy.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;

/**
 * Checks that an invocation's arguments fit one method's parameters before a dispatcher casts and
 * unboxes them, so that a malformed call is refused as {@link ErrorCode#BAD_REQUEST} instead of
 * surfacing as a {@code ClassCastException} that would look like the implementation's own.
 */
final class ArgumentCheck {

    private final MethodDescriptor method;
    /** Per parameter: the class an argument must be an instance of, or {@code null} for {@code Object}. */
    private final Class<?>[] types;

    private final boolean[] primitive;

    ArgumentCheck(MethodDescriptor method) {
        this.method = method;
        int count = method.parameterCount();
        this.types = new Class<?>[count];
        this.primitive = new boolean[count];
        for (int i = 0; i < count; i++) {
            Class<?> type = method.parameterTypes().get(i);
            primitive[i] = type.isPrimitive();
            types[i] = type == Object.class ? null : Primitives.wrap(type);
        }
    }

    /** Why {@code invocation}'s arguments do not fit, or {@code null} when they do. */
    RpcException rejection(Invocation invocation) {
        for (int i = 0; i < types.length; i++) {
            Object argument = invocation.argument(i);
            if (argument == null) {
                if (primitive[i]) {
                    return mismatch(i, "null");
                }
            } else if (types[i] != null && !types[i].isInstance(argument)) {
                // The class name only: an argument's own toString is untrusted code.
                return mismatch(i, argument.getClass().getName());
            }
        }
        return null;
    }

    private RpcException mismatch(int position, String actual) {
        return new RpcException(
                ErrorCode.BAD_REQUEST,
                "argument " + position + " of " + method.descriptor() + ": " + actual + " (expected: "
                        + method.parameterTypes().get(position).getName() + ")");
    }
}
