package io.courier.grpc.internal.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import io.courier.grpc.internal.schema.ProtoType.EnumOf;
import io.courier.grpc.internal.schema.ProtoType.Imported;
import io.courier.grpc.internal.schema.ProtoType.MapOf;
import io.courier.grpc.internal.schema.ProtoType.MessageOf;
import io.courier.grpc.internal.schema.ProtoType.Repeated;
import io.courier.grpc.internal.schema.ProtoType.Scalar;
import io.courier.grpc.internal.schema.ProtoType.ScalarKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes Java values as the protobuf messages of their shapes with protobuf-java's {@link
 * CodedOutputStream}, as protoc's generated code writes them for the same {@code .proto}: fields in
 * declaration order, a proto3 field without presence left out at its default, repeated scalars and enums
 * packed, each map entry with its key and value. Stateless.
 */
final class ValueWriter {

    /** Objects nested deeper than this are refused, as protobuf's readers refuse such messages. */
    static final int MAX_DEPTH = 100;

    private ValueWriter() {}

    /** The bytes of {@code instance} as the message {@code shape}. */
    static byte[] write(MessageShape shape, Object instance) {
        return message(shape, instance, 0);
    }

    private static byte[] message(MessageShape shape, Object instance, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    shape.name() + ": nested deeper than " + MAX_DEPTH + " (expected: no cycle, at most that deep)");
        }
        Class<?> type = shape.javaType();
        if (type != null && !type.isInstance(instance)) {
            throw new IllegalArgumentException(shape.name() + ": "
                    + (instance == null ? "null" : instance.getClass().getName()) + " (expected: a " + type.getName()
                    + ")");
        }
        Object[] values;
        try {
            values = shape.values(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(shape.name() + ": its fields cannot be read: " + e, e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes, 256);
        try {
            List<FieldShape> fields = shape.fields();
            for (int i = 0; i < values.length; i++) {
                FieldShape field = fields.get(i);
                Object value = values[i];
                if (field.javaOptional() && value != null) {
                    value = ((Optional<?>) value).orElse(null);
                }
                if (value != null) {
                    field(out, field, value, shape.name() + "." + field.name(), depth);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static void field(CodedOutputStream out, FieldShape field, Object value, String where, int depth)
            throws IOException {
        int number = field.number();
        ProtoType type = field.type();
        try {
            if (type instanceof Repeated repeated) {
                repeated(out, number, repeated.element(), elements(value), where, depth);
            } else if (type instanceof MapOf map) {
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    if (entry.getKey() == null || entry.getValue() == null) {
                        throw new IllegalArgumentException(where + ": a null key or value"
                                + " (expected: none: protobuf's maps have no null key or value)");
                    }
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
                    CodedOutputStream pair = CodedOutputStream.newInstance(bytes, 64);
                    single(pair, 1, map.key(), entry.getKey(), true, where, depth);
                    single(pair, 2, map.value(), entry.getValue(), true, where, depth);
                    pair.flush();
                    out.writeByteArray(number, bytes.toByteArray());
                }
            } else {
                single(out, number, type, value, field.presence(), where, depth);
            }
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + value.getClass().getName() + " (expected: " + type + ")");
        }
    }

    private static void repeated(
            CodedOutputStream out, int number, ProtoType element, List<?> values, String where, int depth)
            throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(where + "[" + i + "]: null"
                        + " (expected: no null element: protobuf's repeated fields have none)");
            }
        }
        if (values.isEmpty()) {
            return;
        }
        boolean packed = element instanceof EnumOf
                || element instanceof Scalar scalar
                        && scalar.kind() != ScalarKind.STRING
                        && scalar.kind() != ScalarKind.BYTES;
        if (!packed) {
            for (Object value : values) {
                single(out, number, element, value, true, where, depth);
            }
            return;
        }
        List<Object> wire = new ArrayList<>(values.size());
        int size = 0;
        for (Object value : values) {
            Object proto = element instanceof Scalar scalar
                    ? Scalars.write(scalar, value)
                    : enumNumber((EnumOf) element, value);
            wire.add(proto);
            size += packedSize(element, proto);
        }
        out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(size);
        for (Object proto : wire) {
            if (element instanceof EnumOf) {
                out.writeEnumNoTag((Integer) proto);
            } else {
                switch (((Scalar) element).kind()) {
                    case BOOL -> out.writeBoolNoTag((Boolean) proto);
                    case INT32 -> out.writeInt32NoTag((Integer) proto);
                    case INT64 -> out.writeInt64NoTag((Long) proto);
                    case FLOAT -> out.writeFloatNoTag((Float) proto);
                    default -> out.writeDoubleNoTag((Double) proto);
                }
            }
        }
    }

    private static int packedSize(ProtoType element, Object proto) {
        if (element instanceof EnumOf) {
            return CodedOutputStream.computeEnumSizeNoTag((Integer) proto);
        }
        return switch (((Scalar) element).kind()) {
            case BOOL -> 1;
            case INT32 -> CodedOutputStream.computeInt32SizeNoTag((Integer) proto);
            case INT64 -> CodedOutputStream.computeInt64SizeNoTag((Long) proto);
            case FLOAT -> 4;
            default -> 8;
        };
    }

    /** Writes one value; {@code presence} false leaves a scalar at its default out, as proto3 does. */
    private static void single(
            CodedOutputStream out, int number, ProtoType type, Object value, boolean presence, String where, int depth)
            throws IOException {
        if (type instanceof Scalar scalar) {
            scalar(out, number, scalar.kind(), Scalars.write(scalar, value), presence);
        } else if (type instanceof EnumOf enumOf) {
            out.writeEnum(number, enumNumber(enumOf, value));
        } else if (type instanceof MessageOf message) {
            out.writeByteArray(number, message(message.shape(), value, depth + 1));
        } else if (value instanceof Instant instant && ((Imported) type).javaType() == Instant.class) {
            out.writeByteArray(number, secondsAndNanos(instant.getEpochSecond(), instant.getNano()));
        } else if (value instanceof Duration duration && ((Imported) type).javaType() == Duration.class) {
            out.writeByteArray(number, secondsAndNanos(duration.getSeconds(), duration.getNano()));
        } else {
            out.writeMessage(number, (Message) ((Imported) type).javaType().cast(value));
        }
    }

    private static void scalar(CodedOutputStream out, int number, ScalarKind kind, Object proto, boolean presence)
            throws IOException {
        switch (kind) {
            case BOOL -> {
                if (presence || (Boolean) proto) {
                    out.writeBool(number, (Boolean) proto);
                }
            }
            case INT32 -> {
                if (presence || (Integer) proto != 0) {
                    out.writeInt32(number, (Integer) proto);
                }
            }
            case INT64 -> {
                if (presence || (Long) proto != 0) {
                    out.writeInt64(number, (Long) proto);
                }
            }
            case FLOAT -> {
                if (presence || Float.floatToRawIntBits((Float) proto) != 0) {
                    out.writeFloat(number, (Float) proto);
                }
            }
            case DOUBLE -> {
                if (presence || Double.doubleToRawLongBits((Double) proto) != 0) {
                    out.writeDouble(number, (Double) proto);
                }
            }
            case STRING -> {
                if (presence || !((String) proto).isEmpty()) {
                    out.writeString(number, (String) proto);
                }
            }
            case BYTES -> {
                if (presence || !((ByteString) proto).isEmpty()) {
                    out.writeBytes(number, (ByteString) proto);
                }
            }
        }
    }

    private static int enumNumber(EnumOf type, Object value) {
        return type.shape().numbers().get((Enum<?>) value);
    }

    /** A {@code Timestamp} or {@code Duration}: seconds (1) and nanos (2), each left out at 0. */
    private static byte[] secondsAndNanos(long seconds, int nanos) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes, 16);
        if (seconds != 0) {
            out.writeInt64(1, seconds);
        }
        if (nanos != 0) {
            out.writeInt32(2, nanos);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static List<?> elements(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        int length = Array.getLength(value);
        List<Object> elements = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            elements.add(Array.get(value, i));
        }
        return elements;
    }
}
