package io.courier.grpc;

import io.courier.api.ServiceDescriptor;
import io.courier.grpc.internal.ProtoText;
import io.courier.grpc.internal.schema.ServiceSchema;

/**
 * The {@code .proto} a gRPC caller compiles its stubs from: the service, named as {@link GrpcNames} says,
 * with the methods served over gRPC, the messages and enums derived from the interface and the value
 * classes it reaches (numbered as {@link io.courier.api.schema.FieldNumber} says), and imports of the
 * files of protoc-generated messages (a client has those already, or gets them from their own project or
 * through server reflection) and of protobuf's {@code Timestamp} and {@code Duration}. Stock {@code protoc}
 * compiles it; {@link ProtoCheck} compares it with a committed one.
 */
public final class GrpcSchemas {

    private GrpcSchemas() {}

    /**
     * The {@code .proto} text of {@code serviceInterface}.
     *
     * <p>A method whose types have no protobuf form is left out of the service, and named with the reason
     * in a comment.
     *
     * @throws IllegalArgumentException if the interface is nested and not named by {@link GrpcService}
     *     (its name is not a protobuf name)
     */
    public static String protoFile(Class<?> serviceInterface) {
        return ProtoText.of(GrpcNames.service(serviceInterface), ServiceDescriptor.of(serviceInterface));
    }

    /** The name a client's {@code import} uses for the file of {@code serviceInterface}. */
    public static String protoFileName(Class<?> serviceInterface) {
        return ServiceSchema.fileName(GrpcNames.service(serviceInterface));
    }
}
