package io.courier.grpc.internal;

import io.courier.api.ServiceDescriptor;
import io.courier.grpc.internal.schema.ProtoPrinter;
import io.courier.grpc.internal.schema.ServiceSchema;

/** A service's file as {@code .proto} text, which stock {@code protoc} compiles beside its messages' files. */
public final class ProtoText {

    private ProtoText() {}

    /**
     * The {@code .proto} of {@code service}: the service with the methods gRPC serves, the messages and
     * enums derived for them, and a comment naming each method left out and why.
     *
     * @throws IllegalArgumentException if the interface is nested (its name is not a protobuf name)
     */
    public static String of(String fullName, ServiceDescriptor service) {
        if (!ServiceSchema.protobufName(fullName)) {
            throw new IllegalArgumentException(
                    "service: " + fullName
                            + " (expected: a top-level interface, whose name is a protobuf name, or one named by @GrpcService)");
        }
        ServiceSchema schema = ServiceSchema.of(fullName, service);
        return ProtoPrinter.print(schema.file(), schema.unsupported());
    }
}
