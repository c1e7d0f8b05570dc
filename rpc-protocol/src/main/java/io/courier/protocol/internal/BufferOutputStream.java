package io.courier.protocol.internal;

import io.courier.api.Internal;
import io.courier.api.serialization.ByteSink;
import io.netty.buffer.ByteBuf;

/**
 * The {@link ByteSink} a serializer session writes to: every byte goes straight into the outgoing
 * frame buffer, which can take at most {@link #maxWritable()} more.
 */
@Internal
public final class BufferOutputStream extends ByteSink {

    private final ByteBuf buffer;
    private final int start;

    public BufferOutputStream(ByteBuf buffer) {
        this.buffer = buffer;
        this.start = buffer.writerIndex();
    }

    public ByteBuf buffer() {
        return buffer;
    }

    @Override
    public long written() {
        return buffer.writerIndex() - start;
    }

    @Override
    public long maxWritable() {
        return buffer.maxWritableBytes();
    }

    @Override
    public void writeByte(int value) {
        buffer.writeByte(value);
    }

    @Override
    public void write(int b) {
        buffer.writeByte(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        buffer.writeBytes(bytes, offset, length);
    }
}
