package io.courier.grpc;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceKey;

/**
 * How a Courier service and its methods are named in gRPC: the service by its interface's full name
 * ({@code com.acme.UserService}) unless the interface names it with {@link GrpcService}, a method by its Java name with the first letter upper-cased
 * ({@code getUser} is {@code GetUser}, as protoc's Java generator lower-cases it the other way), so a
 * path is {@code /com.acme.UserService/GetUser}. A service exported with a group or a version is
 * reached by the request metadata {@code courier-group} and {@code courier-version}.
 */
public final class GrpcNames {

    /** The request metadata naming the service's group. */
    public static final String GROUP_METADATA = "courier-group";
    /** The request metadata naming the service's version. */
    public static final String VERSION_METADATA = "courier-version";

    private GrpcNames() {}

    /** The gRPC name of {@code key}'s service, named by its interface (no {@link GrpcService} known). */
    public static String service(ServiceKey key) {
        return key.interfaceName();
    }

    /** The gRPC name of {@code serviceInterface}: its {@link GrpcService} name, else its full Java name. */
    public static String service(Class<?> serviceInterface) {
        GrpcService named = serviceInterface.getAnnotation(GrpcService.class);
        return named != null ? named.value() : serviceInterface.getName();
    }

    /** The gRPC name of {@code method}. */
    public static String method(MethodDescriptor method) {
        return method(method.name());
    }

    /** The gRPC name of the Java method {@code javaName}. */
    public static String method(String javaName) {
        return javaName.isEmpty() ? javaName : Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
    }
}
