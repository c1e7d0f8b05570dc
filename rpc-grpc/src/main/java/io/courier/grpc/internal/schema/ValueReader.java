package io.courier.grpc.internal.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.WireFormat;
import io.courier.grpc.internal.schema.ProtoType.EnumOf;
import io.courier.grpc.internal.schema.ProtoType.Imported;
import io.courier.grpc.internal.schema.ProtoType.MapOf;
import io.courier.grpc.internal.schema.ProtoType.MessageOf;
import io.courier.grpc.internal.schema.ProtoType.Repeated;
import io.courier.grpc.internal.schema.ProtoType.Scalar;
import io.courier.grpc.internal.schema.ProtoType.ScalarKind;
import java.io.IOException;
import java.lang.reflect.Array;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads protobuf messages into the Java values of their shapes with protobuf-java's {@link
 * CodedInputStream}, as a protobuf reader does: fields in any order, the last of a repeated single field
 * winning, repeated scalars packed or not, unknown fields and fields of an unexpected wire type skipped,
 * an absent field read as its default ({@code null} with presence, a primitive's zero, an empty list or
 * map). Builds only the classes of the shapes. Messages nested deeper than {@link ValueWriter#MAX_DEPTH}
 * are refused, as protobuf's own readers refuse them. Stateless.
 */
final class ValueReader {

    /** The tags of a {@code Timestamp}'s or {@code Duration}'s fields: seconds (1) and nanos (2), varints. */
    private static final int SECONDS_TAG = 1 << 3 | WireFormat.WIRETYPE_VARINT;

    private static final int NANOS_TAG = 2 << 3 | WireFormat.WIRETYPE_VARINT;

    private ValueReader() {}

    /** The Java value of {@code bytes} read as the message {@code shape}. */
    static Object read(MessageShape shape, byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        Object value = message(shape, in, 0);
        in.checkLastTagWas(0);
        return value;
    }

    private static Object message(MessageShape shape, CodedInputStream in, int depth) throws IOException {
        if (depth > ValueWriter.MAX_DEPTH) {
            throw new InvalidProtocolBufferException(
                    shape.name() + ": nested deeper than " + ValueWriter.MAX_DEPTH + " messages");
        }
        List<FieldShape> fields = shape.fields();
        Object[] values = new Object[fields.size()];
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int position = shape.position(WireFormat.getTagFieldNumber(tag));
            if (position < 0) {
                in.skipField(tag);
                continue;
            }
            FieldShape field = fields.get(position);
            String where = shape.name() + "." + field.name();
            int wireType = WireFormat.getTagWireType(tag);
            ProtoType type = field.type();
            if (type instanceof Repeated repeated) {
                @SuppressWarnings("unchecked")
                List<Object> list = values[position] == null
                        ? (List<Object>) (values[position] = new ArrayList<>())
                        : (List<Object>) values[position];
                repeated(repeated.element(), in, tag, list, where, depth);
            } else if (type instanceof MapOf map) {
                if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    in.skipField(tag);
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> entries = values[position] == null
                        ? (Map<Object, Object>)
                                (values[position] = map.container().get())
                        : (Map<Object, Object>) values[position];
                entry(map, in, entries, where, depth);
            } else if (wireType != wireType(type)) {
                in.skipField(tag);
            } else {
                values[position] = single(type, in, where, depth);
            }
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = complete(
                    fields.get(i), values[i], shape.name() + "." + fields.get(i).name());
        }
        try {
            return shape.create(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(shape.name() + ": cannot be built: " + e, e);
        }
    }

    /** A field's Java value once the message is read: its default when absent, its container's type. */
    private static Object complete(FieldShape field, Object value, String where) {
        ProtoType type = field.type();
        if (type instanceof Repeated repeated) {
            List<?> list = value == null ? List.of() : (List<?>) value;
            if (repeated.container() == null) {
                Object array = Array.newInstance(repeated.javaType().getComponentType(), list.size());
                for (int i = 0; i < list.size(); i++) {
                    Array.set(array, i, list.get(i));
                }
                return array;
            }
            @SuppressWarnings("unchecked")
            Collection<Object> collection =
                    (Collection<Object>) repeated.container().get();
            collection.addAll(list);
            return collection;
        }
        if (type instanceof MapOf map) {
            return value == null ? map.container().get() : value;
        }
        if (value == null && field.javaPrimitive()) {
            Scalar scalar = (Scalar) type;
            value = Scalars.read(scalar, defaultValue(scalar.kind()), where);
        }
        return field.javaOptional() ? Optional.ofNullable(value) : value;
    }

    private static void repeated(
            ProtoType element, CodedInputStream in, int tag, List<Object> list, String where, int depth)
            throws IOException {
        int wireType = WireFormat.getTagWireType(tag);
        boolean packable = element instanceof EnumOf
                || element instanceof Scalar scalar
                        && scalar.kind() != ScalarKind.STRING
                        && scalar.kind() != ScalarKind.BYTES;
        if (packable && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                list.add(single(element, in, where, depth));
            }
            in.popLimit(limit);
        } else if (wireType == wireType(element)) {
            list.add(single(element, in, where, depth));
        } else {
            in.skipField(tag);
        }
    }

    private static void entry(MapOf map, CodedInputStream in, Map<Object, Object> entries, String where, int depth)
            throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        Object key = null;
        Object value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int number = WireFormat.getTagFieldNumber(tag);
            if (number == 1 && WireFormat.getTagWireType(tag) == wireType(map.key())) {
                key = single(map.key(), in, where, depth);
            } else if (number == 2 && WireFormat.getTagWireType(tag) == wireType(map.value())) {
                value = single(map.value(), in, where, depth);
            } else {
                in.skipField(tag);
            }
        }
        in.popLimit(limit);
        if (key == null) {
            key = Scalars.read(map.key(), defaultValue(map.key().kind()), where);
        }
        if (value == null && map.value() instanceof Scalar scalar) {
            value = Scalars.read(scalar, defaultValue(scalar.kind()), where);
        } else if (value == null && map.value() instanceof MessageOf message) {
            value = message(message.shape(), CodedInputStream.newInstance(new byte[0]), depth + 1); // its default
        }
        if (value == null) {
            throw new IllegalArgumentException(where + ": a map entry without its value (expected: a value)");
        }
        entries.put(key, value);
    }

    private static Object single(ProtoType type, CodedInputStream in, String where, int depth) throws IOException {
        if (type instanceof Scalar scalar) {
            Object proto =
                    switch (scalar.kind()) {
                        case BOOL -> in.readBool();
                        case INT32 -> in.readInt32();
                        case INT64 -> in.readInt64();
                        case FLOAT -> in.readFloat();
                        case DOUBLE -> in.readDouble();
                        case STRING -> in.readStringRequireUtf8();
                        case BYTES -> in.readBytes();
                    };
            return Scalars.read(scalar, proto, where);
        }
        if (type instanceof EnumOf enumOf) {
            int number = in.readEnum();
            if (number == 0) {
                return null;
            }
            Enum<?> constant = enumOf.shape().constants().get(number);
            if (constant == null) {
                throw new IllegalArgumentException(where + ": " + number + " (expected: the number of a constant of "
                        + enumOf.shape().javaType().getName() + ")");
            }
            return constant;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        Object value;
        if (type instanceof MessageOf message) {
            value = message(message.shape(), in, depth + 1);
        } else {
            value = imported((Imported) type, in, where);
        }
        in.checkLastTagWas(0);
        in.popLimit(limit);
        return value;
    }

    private static Object imported(Imported type, CodedInputStream in, String where) throws IOException {
        Class<?> javaType = type.javaType();
        if (javaType != Instant.class && javaType != Duration.class) {
            Message defaults = GeneratedMessages.defaults(javaType);
            return defaults.getParserForType().parsePartialFrom(in, ExtensionRegistryLite.getEmptyRegistry());
        }
        long seconds = 0;
        int nanos = 0;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == SECONDS_TAG) {
                seconds = in.readInt64();
            } else if (tag == NANOS_TAG) {
                nanos = in.readInt32();
            } else {
                in.skipField(tag);
            }
        }
        try {
            return javaType == Instant.class
                    ? Instant.ofEpochSecond(seconds, nanos)
                    : Duration.ofSeconds(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(where + ": " + seconds + "s " + nanos + "ns (expected: a "
                    + javaType.getSimpleName() + "): " + e.getMessage());
        }
    }

    private static int wireType(ProtoType type) {
        if (type instanceof Scalar scalar) {
            return switch (scalar.kind()) {
                case BOOL, INT32, INT64 -> WireFormat.WIRETYPE_VARINT;
                case FLOAT -> WireFormat.WIRETYPE_FIXED32;
                case DOUBLE -> WireFormat.WIRETYPE_FIXED64;
                case STRING, BYTES -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
            };
        }
        return type instanceof EnumOf ? WireFormat.WIRETYPE_VARINT : WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static Object defaultValue(ScalarKind kind) {
        return switch (kind) {
            case BOOL -> false;
            case INT32 -> 0;
            case INT64 -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case STRING -> "";
            case BYTES -> ByteString.EMPTY;
        };
    }
}
