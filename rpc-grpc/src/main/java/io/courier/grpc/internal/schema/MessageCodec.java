package io.courier.grpc.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Writes and reads the Java values of one side of a method (its request or its response) as one protobuf
 * message. The same codec serves a provider (reads requests, writes responses) and a consumer (writes
 * requests, reads responses). Thread-safe.
 */
public interface MessageCodec {

    /** The message's protobuf descriptor. */
    Descriptor descriptor();

    /**
     * Whether the value is the call's whole argument array ({@code Object[]}, one field per parameter)
     * rather than one argument or result.
     */
    boolean spreads();

    /**
     * The Java value of a message's bytes: a message class builds only the classes of its schema.
     *
     * @throws InvalidProtocolBufferException if the bytes are not such a message
     * @throws IllegalArgumentException if a field's value does not fit its Java type (the message names it)
     */
    Object read(byte[] bytes) throws InvalidProtocolBufferException;

    /**
     * The bytes of {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is not of the codec's type, or holds what protobuf
     *     cannot carry (a {@code null} element of a list; the message names it)
     */
    byte[] write(Object value);

    /**
     * The bytes of {@code value} in a new buffer from {@code alloc}, after {@code headroom} bytes left for
     * the caller to fill (gRPC's message prefix); its reader index is 0. The caller releases it.
     *
     * @throws IllegalArgumentException as {@link #write(Object)}; no buffer is left allocated then
     */
    default ByteBuf write(Object value, ByteBufAllocator alloc, int headroom) {
        byte[] bytes = write(value);
        ByteBuf buffer = alloc.buffer(headroom + bytes.length);
        return buffer.writerIndex(headroom).writeBytes(bytes);
    }
}
