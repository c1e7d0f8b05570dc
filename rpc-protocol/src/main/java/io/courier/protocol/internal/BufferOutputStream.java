package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import java.io.OutputStream;

/**
 * The stream a serializer session writes to: every byte goes straight into the outgoing frame
 * buffer. Serializers of this module reach the buffer itself through {@link #buffer()}.
 */
public final class BufferOutputStream extends OutputStream {

    private final ByteBuf buffer;

    public BufferOutputStream(ByteBuf buffer) {
        this.buffer = buffer;
    }

    public ByteBuf buffer() {
        return buffer;
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
