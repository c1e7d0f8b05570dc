package io.courier.protocol.frame;

import io.netty.buffer.ByteBuf;

/**
 * A stream frame as it left the IO thread's decoder: the header is checked and the kind byte read;
 * the rest of the body is still bytes, read with {@link StreamFrames}. Owns one reference to its
 * body, released exactly once by whoever takes it from the pipeline.
 */
public final class InboundStreamFrame extends BodyHolder implements InboundFrame {

    private final long streamId;
    private final byte serializerId;
    private final int status;
    private final int kindNumber;

    InboundStreamFrame(long streamId, byte serializerId, int status, int kindNumber, ByteBuf body) {
        super(body);
        this.streamId = streamId;
        this.serializerId = serializerId;
        this.status = status;
        this.kindNumber = kindNumber;
    }

    /** The stream id, chosen by the consumer that opened the stream from its request ids. */
    @Override
    public long requestId() {
        return streamId;
    }

    public long streamId() {
        return streamId;
    }

    /** The frame's kind, or {@code null} for a number this version does not know ({@link #kindNumber()}). */
    public StreamFrameKind kind() {
        return StreamFrameKind.of(kindNumber);
    }

    public int kindNumber() {
        return kindNumber;
    }

    /** The serializer id from the header: installed here, non-zero for open and message frames. */
    public byte serializerId() {
        return serializerId;
    }

    /** The header's status: the error code of an error frame, 0 otherwise. */
    public int status() {
        return status;
    }

    @Override
    public String toString() {
        return "InboundStreamFrame(stream " + streamId + ", kind " + kindNumber + ", " + bodyLength() + " bytes)";
    }
}
