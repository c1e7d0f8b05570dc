package io.courier.grpc.internal;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The file of {@code grpc.health.v1.Health} ({@code grpc/health/v1/health.proto}), which every
 * gRPC port serves ({@link HealthStreamHandler}), for server reflection: a client that lists the
 * port's services can describe this one too, as it can on a grpc-java server. Built here because
 * rpc-grpc depends on protobuf alone, not on grpc-services, which holds the generated one.
 */
final class HealthSchema {

    private static final String PACKAGE = "grpc.health.v1";

    /** The file, with its messages, the {@code ServingStatus} enum and the service's two methods. */
    static final FileDescriptor FILE = build();

    private HealthSchema() {}

    private static FileDescriptor build() {
        EnumDescriptorProto.Builder status = EnumDescriptorProto.newBuilder().setName("ServingStatus");
        String[] names = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};
        for (int i = 0; i < names.length; i++) {
            status.addValue(
                    EnumValueDescriptorProto.newBuilder().setName(names[i]).setNumber(i));
        }
        DescriptorProto request = DescriptorProto.newBuilder()
                .setName("HealthCheckRequest")
                .addField(field("service", FieldDescriptorProto.Type.TYPE_STRING, null))
                .build();
        DescriptorProto response = DescriptorProto.newBuilder()
                .setName("HealthCheckResponse")
                .addEnumType(status)
                .addField(field(
                        "status",
                        FieldDescriptorProto.Type.TYPE_ENUM,
                        "." + PACKAGE + ".HealthCheckResponse.ServingStatus"))
                .build();
        ServiceDescriptorProto service = ServiceDescriptorProto.newBuilder()
                .setName("Health")
                .addMethod(method("Check", false))
                .addMethod(method("Watch", true))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName("grpc/health/v1/health.proto")
                .setPackage(PACKAGE)
                .setSyntax("proto3")
                .addMessageType(request)
                .addMessageType(response)
                .addService(service)
                .build();
        try {
            return FileDescriptor.buildFrom(file, new FileDescriptor[0]);
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("grpc.health.v1's file does not build", e);
        }
    }

    private static FieldDescriptorProto field(String name, FieldDescriptorProto.Type type, String typeName) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(name)
                .setNumber(1)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .setType(type);
        return typeName == null ? field.build() : field.setTypeName(typeName).build();
    }

    private static MethodDescriptorProto method(String name, boolean serverStreaming) {
        return MethodDescriptorProto.newBuilder()
                .setName(name)
                .setInputType("." + PACKAGE + ".HealthCheckRequest")
                .setOutputType("." + PACKAGE + ".HealthCheckResponse")
                .setServerStreaming(serverStreaming)
                .build();
    }
}
