package io.courier.grpc.internal.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.util.Locale;
import java.util.Map;

/**
 * A file descriptor as {@code .proto} text that stock {@code protoc} compiles to the same descriptors:
 * messages with their fields in order ({@code optional}, {@code repeated}, {@code map<K, V>}), enums, the
 * service, and a comment naming each method that is not served over gRPC and why.
 */
public final class ProtoPrinter {

    private ProtoPrinter() {}

    /** The text of {@code file}; {@code leftOut} (method → reason) becomes a comment after the service. */
    public static String print(FileDescriptorProto file, Map<String, String> leftOut) {
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
                        .append(
                                method.getOptions().hasIdempotencyLevel()
                                        ? ") {\n    option idempotency_level = "
                                                + method.getOptions().getIdempotencyLevel() + ";\n  }\n"
                                        : ");\n");
            }
            text.append("}\n");
        }
        if (!leftOut.isEmpty()) {
            text.append("\n// not served over gRPC:\n");
            leftOut.values()
                    .forEach(why ->
                            text.append("//   ").append(why.replace('\n', ' ')).append('\n'));
        }
        for (DescriptorProto message : file.getMessageTypeList()) {
            message(text, message, "");
        }
        for (EnumDescriptorProto type : file.getEnumTypeList()) {
            enumType(text, type);
        }
        return text.toString();
    }

    private static void message(StringBuilder text, DescriptorProto message, String indent) {
        text.append('\n')
                .append(indent)
                .append("message ")
                .append(message.getName())
                .append(" {\n");
        for (FieldDescriptorProto field : message.getFieldList()) {
            text.append(indent).append("  ");
            DescriptorProto entry = mapEntry(message, field);
            if (entry != null) {
                text.append("map<")
                        .append(type(entry.getField(0)))
                        .append(", ")
                        .append(type(entry.getField(1)))
                        .append("> ");
            } else {
                if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
                    text.append("repeated ");
                } else if (field.getProto3Optional()) {
                    text.append("optional ");
                }
                text.append(type(field)).append(' ');
            }
            text.append(field.getName()).append(" = ").append(field.getNumber()).append(";\n");
        }
        for (DescriptorProto nested : message.getNestedTypeList()) {
            if (!nested.getOptions().getMapEntry()) {
                message(text, nested, indent + "  ");
            }
        }
        text.append(indent).append("}\n");
    }

    private static DescriptorProto mapEntry(DescriptorProto message, FieldDescriptorProto field) {
        if (field.getType() != FieldDescriptorProto.Type.TYPE_MESSAGE) {
            return null;
        }
        String name = field.getTypeName().substring(field.getTypeName().lastIndexOf('.') + 1);
        for (DescriptorProto nested : message.getNestedTypeList()) {
            if (nested.getName().equals(name) && nested.getOptions().getMapEntry()) {
                return nested;
            }
        }
        return null;
    }

    private static String type(FieldDescriptorProto field) {
        return switch (field.getType()) {
            case TYPE_MESSAGE, TYPE_ENUM -> field.getTypeName();
            default -> field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
        };
    }

    private static void enumType(StringBuilder text, EnumDescriptorProto type) {
        text.append("\nenum ").append(type.getName()).append(" {\n");
        for (EnumValueDescriptorProto value : type.getValueList()) {
            text.append("  ")
                    .append(value.getName())
                    .append(" = ")
                    .append(value.getNumber())
                    .append(";\n");
        }
        text.append("}\n");
    }
}
