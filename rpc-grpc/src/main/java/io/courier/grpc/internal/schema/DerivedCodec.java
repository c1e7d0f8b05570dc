package io.courier.grpc.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.courier.grpc.internal.schema.ProtoType.EnumOf;
import io.courier.grpc.internal.schema.ProtoType.Imported;
import io.courier.grpc.internal.schema.ProtoType.MapOf;
import io.courier.grpc.internal.schema.ProtoType.MessageOf;
import io.courier.grpc.internal.schema.ProtoType.Repeated;
import io.courier.grpc.internal.schema.ProtoType.Scalar;
import java.lang.reflect.Array;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A derived message's values as real protobuf, through {@link DynamicMessage} over the schema's
 * descriptors: what any protobuf library writes and reads for the same {@code .proto}. Absent fields read
 * as {@code null} (a primitive as its default, a list or map as empty); a {@code null} list or map is
 * written as empty. Objects nested deeper than {@link #MAX_DEPTH} are refused, as protobuf's readers
 * refuse messages nested deeper than 100. Thread-safe.
 */
final class DerivedCodec implements MessageCodec {

    static final int MAX_DEPTH = 100;

    private final MessageShape shape;
    private final Descriptor descriptor;

    DerivedCodec(MessageShape shape, Descriptor descriptor) {
        this.shape = shape;
        this.descriptor = descriptor;
    }

    @Override
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean spreads() {
        return shape.form() == MessageShape.Form.ARGUMENTS;
    }

    @Override
    public Object read(byte[] bytes) throws InvalidProtocolBufferException {
        return fromMessage(shape, DynamicMessage.parseFrom(descriptor, bytes));
    }

    @Override
    public byte[] write(Object value) {
        if (shape.form() == MessageShape.Form.ARGUMENTS
                && !(value instanceof Object[] arguments
                        && arguments.length == shape.fields().size())) {
            throw new IllegalArgumentException(
                    "value: not the " + shape.fields().size() + " arguments of " + shape.name());
        }
        return toMessage(shape, descriptor, value, 0).toByteArray();
    }

    private static DynamicMessage toMessage(MessageShape shape, Descriptor descriptor, Object instance, int depth) {
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
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(descriptor);
        List<FieldShape> fields = shape.fields();
        for (int i = 0; i < values.length; i++) {
            FieldShape field = fields.get(i);
            Object value =
                    field.javaOptional() && values[i] != null ? ((Optional<?>) values[i]).orElse(null) : values[i];
            if (value != null) {
                write(
                        builder,
                        descriptor.findFieldByNumber(field.number()),
                        field.type(),
                        value,
                        shape.name() + "." + field.name(),
                        depth);
            }
        }
        return builder.build();
    }

    private static void write(
            DynamicMessage.Builder builder,
            FieldDescriptor field,
            ProtoType type,
            Object value,
            String where,
            int depth) {
        if (type instanceof Repeated repeated) {
            int i = 0;
            for (Object element : elements(value)) {
                if (element == null) {
                    throw new IllegalArgumentException(where + "[" + i + "]: null"
                            + " (expected: no null element: protobuf's repeated fields have none)");
                }
                builder.addRepeatedField(field, single(repeated.element(), element, field, where, depth));
                i++;
            }
        } else if (type instanceof MapOf map) {
            Descriptor entry = field.getMessageType();
            FieldDescriptor keyField = entry.findFieldByNumber(1);
            FieldDescriptor valueField = entry.findFieldByNumber(2);
            for (Map.Entry<?, ?> pair : ((Map<?, ?>) value).entrySet()) {
                if (pair.getKey() == null || pair.getValue() == null) {
                    throw new IllegalArgumentException(where + ": a null key or value"
                            + " (expected: none: protobuf's maps have no null key or value)");
                }
                builder.addRepeatedField(
                        field,
                        DynamicMessage.newBuilder(entry)
                                .setField(keyField, single(map.key(), pair.getKey(), keyField, where, depth))
                                .setField(valueField, single(map.value(), pair.getValue(), valueField, where, depth))
                                .build());
            }
        } else {
            builder.setField(field, single(type, value, field, where, depth));
        }
    }

    private static Iterable<?> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection;
        }
        int length = Array.getLength(value);
        Object[] elements = new Object[length];
        for (int i = 0; i < length; i++) {
            elements[i] = Array.get(value, i);
        }
        return Arrays.asList(elements);
    }

    private static Object single(ProtoType type, Object value, FieldDescriptor field, String where, int depth) {
        try {
            if (type instanceof Scalar scalar) {
                return Scalars.write(scalar, value);
            }
            if (type instanceof EnumOf enumOf) {
                return field.getEnumType()
                        .findValueByNumber(enumOf.shape().numbers().get((Enum<?>) value));
            }
            if (type instanceof MessageOf message) {
                return toMessage(message.shape(), field.getMessageType(), value, depth + 1);
            }
            Imported imported = (Imported) type;
            if (value instanceof Instant instant) {
                return com.google.protobuf.Timestamp.newBuilder()
                        .setSeconds(instant.getEpochSecond())
                        .setNanos(instant.getNano())
                        .build();
            }
            if (value instanceof Duration duration) {
                return com.google.protobuf.Duration.newBuilder()
                        .setSeconds(duration.getSeconds())
                        .setNanos(duration.getNano())
                        .build();
            }
            return imported.javaType().cast(value);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + value.getClass().getName() + " (expected: " + type + ")");
        }
    }

    private static Object fromMessage(MessageShape shape, Message message) {
        List<FieldShape> fields = shape.fields();
        Descriptor descriptor = message.getDescriptorForType();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            FieldShape field = fields.get(i);
            FieldDescriptor protoField = descriptor.findFieldByNumber(field.number());
            String where = shape.name() + "." + field.name();
            Object value;
            if (field.type() instanceof Repeated repeated) {
                value = repeated(repeated, message, protoField, where);
            } else if (field.type() instanceof MapOf map) {
                value = map(map, message, protoField, where);
            } else if (protoField.hasPresence() && !message.hasField(protoField)) {
                value = null;
            } else {
                value = single(field.type(), message.getField(protoField), protoField, where);
            }
            values[i] = field.javaOptional() ? Optional.ofNullable(value) : value;
        }
        try {
            return shape.create(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(shape.name() + ": cannot be built: " + e, e);
        }
    }

    private static Object repeated(Repeated repeated, Message message, FieldDescriptor field, String where) {
        int count = message.getRepeatedFieldCount(field);
        if (repeated.container() == null) {
            Object array = Array.newInstance(repeated.javaType().getComponentType(), count);
            for (int i = 0; i < count; i++) {
                Array.set(array, i, single(repeated.element(), message.getRepeatedField(field, i), field, where));
            }
            return array;
        }
        @SuppressWarnings("unchecked")
        Collection<Object> collection =
                (Collection<Object>) repeated.container().get();
        for (int i = 0; i < count; i++) {
            collection.add(single(repeated.element(), message.getRepeatedField(field, i), field, where));
        }
        return collection;
    }

    private static Object map(MapOf map, Message message, FieldDescriptor field, String where) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> values = (Map<Object, Object>) map.container().get();
        Descriptor entry = field.getMessageType();
        FieldDescriptor keyField = entry.findFieldByNumber(1);
        FieldDescriptor valueField = entry.findFieldByNumber(2);
        int count = message.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
            Message pair = (Message) message.getRepeatedField(field, i);
            Object value = single(map.value(), pair.getField(valueField), valueField, where);
            if (value == null) {
                throw new IllegalArgumentException(where + ": a map value that is unset (expected: a value)");
            }
            values.put(single(map.key(), pair.getField(keyField), keyField, where), value);
        }
        return values;
    }

    private static Object single(ProtoType type, Object value, FieldDescriptor field, String where) {
        if (type instanceof Scalar scalar) {
            return Scalars.read(scalar, value, where);
        }
        if (type instanceof EnumOf enumOf) {
            int number = ((EnumValueDescriptor) value).getNumber();
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
        if (type instanceof MessageOf message) {
            return fromMessage(message.shape(), (Message) value);
        }
        Imported imported = (Imported) type;
        Message proto = (Message) value;
        if (imported.javaType() == Instant.class || imported.javaType() == Duration.class) {
            Descriptor descriptor = proto.getDescriptorForType();
            long seconds = (Long) proto.getField(descriptor.findFieldByName("seconds"));
            int nanos = (Integer) proto.getField(descriptor.findFieldByName("nanos"));
            try {
                return imported.javaType() == Instant.class
                        ? Instant.ofEpochSecond(seconds, nanos)
                        : Duration.ofSeconds(seconds, nanos);
            } catch (DateTimeException | ArithmeticException e) {
                throw new IllegalArgumentException(where + ": " + seconds + "s " + nanos + "ns (expected: a "
                        + imported.javaType().getSimpleName() + "): " + e.getMessage());
            }
        }
        if (imported.javaType().isInstance(proto)) {
            return proto;
        }
        try {
            return GeneratedMessages.defaults(imported.javaType())
                    .getParserForType()
                    .parseFrom(proto.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return shape.toString();
    }
}
