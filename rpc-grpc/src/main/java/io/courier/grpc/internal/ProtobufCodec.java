package io.courier.grpc.internal;

import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import io.courier.grpc.internal.schema.MessageCodec;
import io.courier.grpc.internal.schema.ServiceSchema;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.reflect.Type;

/**
 * Reads and writes one side of a method (its request or its response) as protobuf messages: a
 * protoc-generated message class as itself, other Java types through the schema derived from the
 * service's interface ({@link ServiceSchema}). A request whose codec {@link #spreads()} is the call's
 * argument array. Provider and consumer use the same codec.
 */
final class ProtobufCodec {

    private final MessageCodec codec;

    private ProtobufCodec(MessageCodec codec) {
        this.codec = codec;
    }

    /** The codec of {@code type}, or {@code null} when it is not a protoc-generated message class. */
    static ProtobufCodec of(Type type) {
        if (!(type instanceof Class<?> raw)) {
            return null;
        }
        MessageCodec generated = ServiceSchema.generated(raw);
        return generated == null ? null : new ProtobufCodec(generated);
    }

    /** The codec {@code codec} of a method's side. */
    static ProtobufCodec of(MessageCodec codec) {
        return new ProtobufCodec(codec);
    }

    Object read(byte[] bytes) throws InvalidProtocolBufferException {
        return codec.read(bytes);
    }

    /** The bytes of {@code value}, which must be of this codec's type. */
    byte[] write(Object value) {
        return codec.write(value);
    }

    /**
     * {@code value} as one uncompressed gRPC message, its 5-byte prefix included, in a buffer from
     * {@code alloc} that the caller releases (or writes).
     */
    ByteBuf frame(Object value, ByteBufAllocator alloc) {
        ByteBuf frame = codec.write(value, alloc, 5);
        return frame.setByte(0, 0).setInt(1, frame.readableBytes() - 5);
    }

    /** Whether the value read and written is the call's whole argument array. */
    boolean spreads() {
        return codec.spreads();
    }

    /** The message's protobuf descriptor, for server reflection. */
    Descriptors.Descriptor descriptor() {
        return codec.descriptor();
    }

    @Override
    public String toString() {
        return codec.toString();
    }
}
