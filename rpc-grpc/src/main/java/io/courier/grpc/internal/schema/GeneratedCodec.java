package io.courier.grpc.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/** A protoc-generated message class as itself: read with the class's own parser, written as its own bytes. */
final class GeneratedCodec implements MessageCodec {

    private final Class<?> type;
    private final Message defaults;

    GeneratedCodec(Class<?> type, Message defaults) {
        this.type = type;
        this.defaults = defaults;
    }

    @Override
    public Descriptor descriptor() {
        return defaults.getDescriptorForType();
    }

    @Override
    public boolean spreads() {
        return false;
    }

    @Override
    public Object read(byte[] bytes) throws InvalidProtocolBufferException {
        return defaults.getParserForType().parseFrom(bytes);
    }

    @Override
    public byte[] write(Object value) {
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
