package io.courier.protocol;

import io.netty.buffer.ByteBuf;

/**
 * A call request as it left the IO thread: the header is checked, the body is still bytes. Decode
 * the body on the business executor with {@link BodyDecoder#decodeRequest}.
 *
 * <p>Owns one reference to its body. Whoever takes it from the pipeline releases it exactly once
 * ({@link #release()}), after decoding or instead of decoding (e.g. when the executor refuses the
 * call). Decoding does not release it.
 */
public final class InboundRequest extends BodyHolder implements InboundFrame {

    private final long requestId;
    private final byte serializerId;
    private final boolean oneway;

    InboundRequest(long requestId, byte serializerId, boolean oneway, ByteBuf body) {
        super(body);
        this.requestId = requestId;
        this.serializerId = serializerId;
        this.oneway = oneway;
    }

    @Override
    public long requestId() {
        return requestId;
    }

    /** The serializer id from the header: one this node has installed, not yet checked per service. */
    public byte serializerId() {
        return serializerId;
    }

    /** Whether the caller waits for no answer; a oneway request is never answered, not even with an error. */
    public boolean oneway() {
        return oneway;
    }

    @Override
    public String toString() {
        return "InboundRequest(id " + requestId + ", serializer " + serializerId + (oneway ? ", oneway, " : ", ")
                + bodyLength() + " bytes)";
    }
}
