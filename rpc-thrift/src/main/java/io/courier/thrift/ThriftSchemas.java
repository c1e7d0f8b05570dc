package io.courier.thrift;

import io.courier.api.ServiceDescriptor;
import io.courier.thrift.internal.schema.IdlPrinter;
import io.courier.thrift.internal.schema.ServiceShape;

/**
 * The Thrift IDL a Thrift caller generates its stubs from ({@code thrift --gen py accounts.thrift}),
 * derived from the service's Java interface by the rule of the {@code .proto}: the interface and the value
 * classes it reaches give one schema, field ids numbered by position unless {@link
 * io.courier.api.schema.FieldNumber} says. The service is named by the interface's simple name (a nested
 * interface {@code Outer.Inner} as {@code Outer_Inner}); every two-way function throws the declared
 * exception {@code CourierError} (Courier's error code and the provider's message); a {@link
 * io.courier.api.Oneway} method is a {@code oneway void} function. Stock {@code thrift} compiles it; {@link
 * ThriftIdlCheck} compares it with a committed one.
 */
public final class ThriftSchemas {

    private ThriftSchemas() {}

    /**
     * The IDL text of {@code serviceInterface}. A method with no Thrift form (an overload, a stream, a generic
     * value class, {@code Optional}, {@code java.time}) is left out of the service and named with the reason
     * in a comment.
     */
    public static String idlFile(Class<?> serviceInterface) {
        return IdlPrinter.print(shape(ServiceDescriptor.of(serviceInterface)));
    }

    /** The Thrift service name of {@code serviceInterface}, which a multiplexed caller puts before each function. */
    public static String serviceName(Class<?> serviceInterface) {
        String name = serviceInterface.getSimpleName();
        for (Class<?> outer = serviceInterface.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "_" + name;
        }
        return name;
    }

    /** The schema of {@code service}: its interface's, or for a generic descriptor one named by its interface name. */
    static ServiceShape shape(ServiceDescriptor service) {
        Class<?> type = service.serviceInterface();
        String interfaceName = service.interfaceName();
        int dot = interfaceName.lastIndexOf('.');
        String name = type != null
                ? serviceName(type)
                : interfaceName.substring(dot + 1).replace('$', '_');
        return ServiceShape.of(name, dot > 0 ? interfaceName.substring(0, dot) : "", service);
    }
}
