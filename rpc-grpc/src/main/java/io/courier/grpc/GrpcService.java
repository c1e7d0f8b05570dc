package io.courier.grpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The gRPC name of a service interface whose gRPC name is not its Java name: an interface that
 * implements a service of an existing {@code .proto} ({@code package courier.bench; service
 * UserService}) on its protoc-generated messages, so that the stubs already generated from that file
 * call it unchanged. Without it, a service is named by its interface ({@link GrpcNames}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GrpcService {

    /** The service's full gRPC name: the {@code .proto}'s package, a dot, the service's name. */
    String value();
}
