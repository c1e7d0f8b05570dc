package io.courier.grpc.internal.schema;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.courier.grpc.internal.schema.ProtoType.EnumOf;
import io.courier.grpc.internal.schema.ProtoType.Imported;
import io.courier.grpc.internal.schema.ProtoType.MapOf;
import io.courier.grpc.internal.schema.ProtoType.MessageOf;
import io.courier.grpc.internal.schema.ProtoType.Repeated;
import io.courier.grpc.internal.schema.ProtoType.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The descriptors of derived messages and enums, as protoc would write them for the {@code .proto}
 * Courier prints: messages and enums by name, fields in declaration order, a field with presence as a
 * proto3 {@code optional} (its synthetic oneof {@code _<field>}), a map as a repeated {@code <Field>Entry}.
 */
final class DescriptorWriter {

    private DescriptorWriter() {}

    /** The file {@code name} in {@code pkg} declaring {@code builder}'s messages and enums. */
    static FileDescriptorProto file(String name, String pkg, SchemaBuilder builder, List<FileDescriptor> imports) {
        FileDescriptorProto.Builder file =
                FileDescriptorProto.newBuilder().setName(name).setSyntax("proto3");
        if (!pkg.isEmpty()) {
            file.setPackage(pkg);
        }
        for (FileDescriptor dependency : imports) {
            file.addDependency(dependency.getName());
        }
        String prefix = pkg.isEmpty() ? "." : "." + pkg + ".";
        List<MessageShape> messages = new ArrayList<>(builder.messages());
        messages.sort(Comparator.comparing(MessageShape::name));
        for (MessageShape message : messages) {
            file.addMessageType(message(message, prefix));
        }
        List<EnumShape> enums = new ArrayList<>(builder.enums());
        enums.sort(Comparator.comparing(EnumShape::name));
        for (EnumShape shape : enums) {
            file.addEnumType(enumType(shape));
        }
        return file.build();
    }

    private static DescriptorProto message(MessageShape shape, String prefix) {
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(shape.name());
        List<FieldDescriptorProto.Builder> optional = new ArrayList<>();
        for (FieldShape field : shape.fields()) {
            FieldDescriptorProto.Builder proto =
                    FieldDescriptorProto.newBuilder().setName(field.name()).setNumber(field.number());
            if (field.type() instanceof MapOf map) {
                String entry = Character.toUpperCase(field.name().charAt(0))
                        + field.name().substring(1) + "Entry";
                message.addNestedType(DescriptorProto.newBuilder()
                        .setName(entry)
                        .addField(single(
                                        FieldDescriptorProto.newBuilder()
                                                .setName("key")
                                                .setNumber(1),
                                        map.key(),
                                        prefix)
                                .setLabel(Label.LABEL_OPTIONAL))
                        .addField(single(
                                        FieldDescriptorProto.newBuilder()
                                                .setName("value")
                                                .setNumber(2),
                                        map.value(),
                                        prefix)
                                .setLabel(Label.LABEL_OPTIONAL))
                        .setOptions(MessageOptions.newBuilder().setMapEntry(true)));
                proto.setLabel(Label.LABEL_REPEATED)
                        .setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                        .setTypeName(prefix + shape.name() + "." + entry);
            } else if (field.type() instanceof Repeated repeated) {
                single(proto, repeated.element(), prefix).setLabel(Label.LABEL_REPEATED);
            } else {
                single(proto, field.type(), prefix).setLabel(Label.LABEL_OPTIONAL);
                if (field.presence()) {
                    optional.add(proto);
                }
            }
            proto.setJsonName(jsonName(field.name()));
            message.addField(proto);
        }
        // proto3 optional: each such field is the only member of a synthetic oneof, declared after the real ones
        int index = 0;
        for (FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
            if (optional.stream().anyMatch(o -> o.getNumber() == field.getNumber())) {
                message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + field.getName()));
                field.setProto3Optional(true).setOneofIndex(index++);
            }
        }
        return message.build();
    }

    private static FieldDescriptorProto.Builder single(
            FieldDescriptorProto.Builder field, ProtoType type, String prefix) {
        if (type instanceof Scalar scalar) {
            return field.setType(scalar.kind().type);
        }
        if (type instanceof EnumOf enumOf) {
            return field.setType(FieldDescriptorProto.Type.TYPE_ENUM)
                    .setTypeName(prefix + enumOf.shape().name());
        }
        if (type instanceof MessageOf message) {
            return field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                    .setTypeName(prefix + message.shape().name());
        }
        Imported imported = (Imported) type;
        return field.setType(FieldDescriptorProto.Type.TYPE_MESSAGE)
                .setTypeName("." + imported.descriptor().getFullName());
    }

    private static EnumDescriptorProto enumType(EnumShape shape) {
        EnumDescriptorProto.Builder type = EnumDescriptorProto.newBuilder().setName(shape.name());
        String prefix = shape.prefix();
        type.addValue(EnumValueDescriptorProto.newBuilder()
                .setName(prefix + "_UNSPECIFIED")
                .setNumber(0));
        for (Object constant : shape.javaType().getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            type.addValue(EnumValueDescriptorProto.newBuilder()
                    .setName(prefix + "_" + value.name())
                    .setNumber(shape.numbers().get(value)));
        }
        return type.build();
    }

    /** The JSON name protoc gives a field: underscores dropped, the letter after each upper-cased. */
    private static String jsonName(String name) {
        StringBuilder json = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }
}
