package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import java.io.InputStream;

/**
 * The stream a serializer session reads from: the rest of a frame body, read in place. Serializers
 * of this module reach the buffer itself through {@link #buffer()}; the stream never reads past the
 * body and never releases it.
 */
public final class BufferInputStream extends InputStream {

    private final ByteBuf buffer;

    public BufferInputStream(ByteBuf buffer) {
        this.buffer = buffer;
    }

    public ByteBuf buffer() {
        return buffer;
    }

    @Override
    public int read() {
        return buffer.isReadable() ? buffer.readUnsignedByte() : -1;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int readable = buffer.readableBytes();
        if (readable == 0) {
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
