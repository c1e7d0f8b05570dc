package io.courier.grpc.internal.schema;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import java.util.function.Supplier;

/** How the values of one Java type travel in protobuf: the kind of field, and what it holds. */
sealed interface ProtoType {

    /** A protobuf scalar; Java's text types ({@code LocalDate}, {@code BigDecimal}, ...) are strings. */
    record Scalar(ScalarKind kind, Class<?> javaType) implements ProtoType {}

    /** A Java enum as a protobuf enum. */
    record EnumOf(EnumShape shape) implements ProtoType {}

    /** A record or class of the application as a message of the schema. */
    record MessageOf(MessageShape shape) implements ProtoType {}

    /**
     * A message the schema imports: a protoc-generated class (travels as itself), or {@code Instant} and
     * {@code Duration} as {@code google.protobuf.Timestamp} and {@code Duration}.
     */
    record Imported(Class<?> javaType, Descriptor descriptor) implements ProtoType {}

    /** A list, set or array: a {@code repeated} field of its elements; {@code container} makes an empty one. */
    record Repeated(ProtoType element, Class<?> javaType, Supplier<Object> container) implements ProtoType {}

    /** A map: a protobuf {@code map<K, V>}; {@code container} makes an empty one. */
    record MapOf(Scalar key, ProtoType value, Supplier<Object> container) implements ProtoType {}

    /** Scalars of protobuf, with their descriptor type and {@code .proto} name. */
    enum ScalarKind {
        BOOL(FieldDescriptorProto.Type.TYPE_BOOL),
        INT32(FieldDescriptorProto.Type.TYPE_INT32),
        INT64(FieldDescriptorProto.Type.TYPE_INT64),
        FLOAT(FieldDescriptorProto.Type.TYPE_FLOAT),
        DOUBLE(FieldDescriptorProto.Type.TYPE_DOUBLE),
        STRING(FieldDescriptorProto.Type.TYPE_STRING),
        BYTES(FieldDescriptorProto.Type.TYPE_BYTES);

        final FieldDescriptorProto.Type type;

        ScalarKind(FieldDescriptorProto.Type type) {
            this.type = type;
        }

        /** Whether a protobuf map may be keyed by it. */
        boolean mapKey() {
            return this == BOOL || this == INT32 || this == INT64 || this == STRING;
        }
    }
}
