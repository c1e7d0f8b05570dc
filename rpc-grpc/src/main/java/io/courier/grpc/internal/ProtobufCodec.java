package io.courier.grpc.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;

/**
 * Reads and writes the values of one Java type as protobuf messages. A protoc-generated message class
 * travels as itself: read with the class's own parser, written as its own bytes.
 */
final class ProtobufCodec {

    private final Class<? extends Message> type;
    private final Parser<? extends Message> parser;

    private ProtobufCodec(Class<? extends Message> type, Parser<? extends Message> parser) {
        this.type = type;
        this.parser = parser;
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
            return new ProtobufCodec(messageType, defaults.getParserForType());
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    Object read(byte[] bytes) throws InvalidProtocolBufferException {
        return parser.parseFrom(bytes);
    }

    /** The bytes of {@code value}, which must be of this codec's type. */
    byte[] write(Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("value: "
                    + (value == null ? "null" : value.getClass().getName()) + " (expected: a " + type.getName() + ")");
        }
        return ((Message) value).toByteArray();
    }

    @Override
    public String toString() {
        return type.getName();
    }
}
