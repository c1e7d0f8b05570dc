package io.courier.grpc.internal;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.courier.api.ServiceDescriptor;

/** A service's file as {@code .proto} text, which stock {@code protoc} compiles beside its messages' files. */
public final class ProtoText {

    private ProtoText() {}

    /**
     * The {@code .proto} of {@code service}.
     *
     * @throws IllegalArgumentException if a method is not on protoc-generated messages, or the interface is nested
     */
    public static String of(String fullName, ServiceDescriptor service) {
        ReflectionIndex.ServiceFile described = ReflectionIndex.describe(fullName, GrpcMethod.of(service));
        if (described == null) {
            throw new IllegalArgumentException("service: " + fullName
                    + " (expected: a top-level interface whose methods take and return protoc-generated messages)");
        }
        return print(described.file());
    }

    private static String print(FileDescriptorProto file) {
        StringBuilder text = new StringBuilder();
        text.append("// ").append(file.getName()).append(": written by Courier from the service's interface\n");
        text.append("syntax = \"proto3\";\n\n");
        if (!file.getPackage().isEmpty()) {
            text.append("package ").append(file.getPackage()).append(";\n\n");
        }
        for (String dependency : file.getDependencyList()) {
            text.append("import \"").append(dependency).append("\";\n");
        }
        for (ServiceDescriptorProto service : file.getServiceList()) {
            text.append("\nservice ").append(service.getName()).append(" {\n");
            for (MethodDescriptorProto method : service.getMethodList()) {
                text.append("  rpc ")
                        .append(method.getName())
                        .append(" (")
                        .append(method.getClientStreaming() ? "stream " : "")
                        .append(method.getInputType())
                        .append(") returns (")
                        .append(method.getServerStreaming() ? "stream " : "")
                        .append(method.getOutputType())
                        .append(");\n");
            }
            text.append("}\n");
        }
        return text.toString();
    }
}
