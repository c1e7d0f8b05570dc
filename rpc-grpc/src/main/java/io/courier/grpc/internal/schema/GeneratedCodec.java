package io.courier.grpc.internal.schema;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;

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
        return message(value).toByteArray();
    }

    /** Serializes the message where it goes: the size is known (and kept by the message), so no array between. */
    @Override
    public ByteBuf write(Object value, ByteBufAllocator alloc, int headroom) {
        Message message = message(value);
        int size = message.getSerializedSize();
        ByteBuf buffer = alloc.buffer(headroom + size);
        try {
            CodedOutputStream out = buffer.hasArray()
                    ? CodedOutputStream.newInstance(buffer.array(), buffer.arrayOffset() + headroom, size)
                    : CodedOutputStream.newInstance(buffer.nioBuffer(headroom, size));
            message.writeTo(out);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        return buffer.writerIndex(headroom + size);
    }

    private Message message(Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("value: "
                    + (value == null ? "null" : value.getClass().getName()) + " (expected: a " + type.getName() + ")");
        }
        return (Message) value;
    }

    @Override
    public String toString() {
        return type.getName();
    }
}
