package io.courier.grpc;

import io.courier.api.ServiceDescriptor;
import io.courier.grpc.internal.ProtoText;

/**
 * The {@code .proto} a gRPC caller compiles its stubs from, for a service whose methods take and return
 * protoc-generated messages: the service, named as {@link GrpcNames} says, importing the files its
 * messages come from (a client has those already, or gets them from their own project or through
 * server reflection). Stock {@code protoc} compiles it.
 */
public final class GrpcSchemas {

    private GrpcSchemas() {}

    /**
     * The {@code .proto} text of {@code serviceInterface}.
     *
     * @throws IllegalArgumentException if a method is not on protoc-generated messages, or the interface
     *     is nested (its name is not a protobuf name)
     */
    public static String protoFile(Class<?> serviceInterface) {
        return ProtoText.of(GrpcNames.service(serviceInterface), ServiceDescriptor.of(serviceInterface));
    }

    /** The name a client's {@code import} uses for the file of {@code serviceInterface}. */
    public static String protoFileName(Class<?> serviceInterface) {
        return "courier/" + GrpcNames.service(serviceInterface).replace('.', '/') + ".proto";
    }
}
