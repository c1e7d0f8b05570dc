package io.courier.protocol.internal;

import io.courier.api.Internal;
import io.courier.api.serialization.ByteSource;
import io.netty.buffer.ByteBuf;

/**
 * The {@link ByteSource} a serializer session reads from: the rest of a frame body, read in place.
 * Protostuff reaches the buffer itself through {@link #buffer()}; the source never reads past the
 * body and never releases it.
 */
@Internal
public final class BufferInputStream extends ByteSource {

    private final ByteBuf buffer;
    private boolean pastEnd;

    public BufferInputStream(ByteBuf buffer) {
        this.buffer = buffer;
    }

    public ByteBuf buffer() {
        return buffer;
    }

    /**
     * Whether a read found no byte left: a reader that only reads what it needs (as hessian does)
     * ran past the end of the body.
     */
    @Override
    public boolean ranPastEnd() {
        return pastEnd;
    }

    @Override
    public int position() {
        return buffer.readerIndex();
    }

    @Override
    public int read() {
        if (!buffer.isReadable()) {
            pastEnd = true;
            return -1;
        }
        return buffer.readUnsignedByte();
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int readable = buffer.readableBytes();
        if (readable == 0) {
            pastEnd = true;
            return -1;
        }
        int count = Math.min(readable, length);
        buffer.readBytes(bytes, offset, count);
        return count;
    }

    @Override
    public long skip(long n) {
        int count = (int) Math.min(n, buffer.readableBytes());
        buffer.skipBytes(Math.max(count, 0));
        return Math.max(count, 0);
    }

    @Override
    public int available() {
        return buffer.readableBytes();
    }
}
