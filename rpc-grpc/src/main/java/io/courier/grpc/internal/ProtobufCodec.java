package io.courier.grpc.internal;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;

/**
 * Reads and writes the values of one Java type as protobuf messages. A protoc-generated message class
 * travels as itself: read with the class's own parser, written as its own bytes.
 */
final class ProtobufCodec {

    private final Class<? extends Message> type;
    private final Message defaults;

    private ProtobufCodec(Class<? extends Message> type, Message defaults) {
        this.type = type;
        this.defaults = defaults;
    }

    /** The codec of {@code type}, or {@code null} when it is not a protoc-generated message class. */
    static ProtobufCodec of(Type type) {
        if (!(type instanceof Class<?> raw) || !Message.class.isAssignableFrom(raw) || raw == Message.class) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Class<? extends Message> messageType = (Class<? extends Message>) raw;
        try {
            Message defaults = (Message) raw.getMethod("getDefaultInstance").invoke(null);
            return new ProtobufCodec(messageType, defaults);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    Object read(byte[] bytes) throws InvalidProtocolBufferException {
        return defaults.getParserForType().parseFrom(bytes);
    }

    /** The bytes of {@code value}, which must be of this codec's type. */
    byte[] write(Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("value: "
                    + (value == null ? "null" : value.getClass().getName()) + " (expected: a " + type.getName() + ")");
        }
        return ((Message) value).toByteArray();
    }

    /** The message's protobuf descriptor, for server reflection. */
    Descriptors.Descriptor descriptor() {
        return defaults.getDescriptorForType();
    }

    @Override
    public String toString() {
        return type.getName();
    }
}
