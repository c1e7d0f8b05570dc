package io.courier.protocol.frame;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * An inbound frame that owns one reference to its body bytes; the reference count methods act on
 * the body.
 */
abstract class BodyHolder implements ReferenceCounted {

    private final ByteBuf body;
    private final int bodyLength;

    BodyHolder(ByteBuf body) {
        this.body = body;
        this.bodyLength = body.readableBytes();
    }

    /**
     * The body bytes, a retained slice of what the decoder received. Reading them moves their reader
     * index; releasing them is done through this frame's {@link #release()}, never on the buffer
     * directly.
     */
    public final ByteBuf body() {
        return body;
    }

    /** The number of body bytes (the header's body length). */
    public final int bodyLength() {
        return bodyLength;
    }

    @Override
    public final int refCnt() {
        return body.refCnt();
    }

    @Override
    public final BodyHolder retain() {
        body.retain();
        return this;
    }

    @Override
    public final BodyHolder retain(int increment) {
        body.retain(increment);
        return this;
    }

    @Override
    public final BodyHolder touch() {
        body.touch();
        return this;
    }

    @Override
    public final BodyHolder touch(Object hint) {
        body.touch(hint);
        return this;
    }

    @Override
    public final boolean release() {
        return body.release();
    }

    @Override
    public final boolean release(int decrement) {
        return body.release(decrement);
    }
}
