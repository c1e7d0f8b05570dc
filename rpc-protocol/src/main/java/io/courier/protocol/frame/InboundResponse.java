package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.netty.buffer.ByteBuf;

/**
 * A response as it left the IO thread: the header is checked, the body is still bytes. The
 * consumer finds the call waiting for {@link #requestId()} and decodes the body with {@link
 * BodyDecoder#decodeResponse} and that call's result type; a response nobody waits for (a late
 * answer after a timeout, or a forged id) is released without decoding.
 *
 * <p>Owns one reference to its body; whoever takes it from the pipeline releases it exactly once.
 */
public final class InboundResponse extends BodyHolder implements InboundFrame {

    private final long requestId;
    private final byte serializerId;
    private final int status;

    InboundResponse(long requestId, byte serializerId, int status, ByteBuf body) {
        super(body);
        this.requestId = requestId;
        this.serializerId = serializerId;
        this.status = status;
    }

    @Override
    public long requestId() {
        return requestId;
    }

    /** The serializer of the value or exception; 0 for an error response. */
    public byte serializerId() {
        return serializerId;
    }

    /** 0 for a result (a value or a business exception), otherwise an {@link ErrorCode#code()}. */
    public int status() {
        return status;
    }

    /** Whether the provider answered with a framework error rather than a result. */
    public boolean isError() {
        return status != 0;
    }

    @Override
    public String toString() {
        return "InboundResponse(id " + requestId + ", status " + status + ", " + bodyLength() + " bytes)";
    }
}
