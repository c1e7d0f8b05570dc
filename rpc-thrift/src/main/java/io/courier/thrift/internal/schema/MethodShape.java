package io.courier.thrift.internal.schema;

import io.courier.api.MethodDescriptor;

/**
 * One function of a service's Thrift schema.
 *
 * @param name the function's name (the Java method's)
 * @param method the Courier method it calls
 * @param arguments the struct of its parameters ({@code <name>_args} on the wire)
 * @param result what it returns, {@code null} for {@code void}
 */
public record MethodShape(String name, MethodDescriptor method, StructShape arguments, ThriftType result) {

    /** Whether the function is {@code oneway}: a {@link io.courier.api.Oneway} method, answered with nothing. */
    public boolean oneway() {
        return method.oneway();
    }
}
