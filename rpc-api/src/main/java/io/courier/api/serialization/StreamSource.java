package io.courier.api.serialization;

import java.io.IOException;
import java.io.InputStream;

/** A {@link ByteSource} over a plain stream (see {@link ByteSource#of}). */
final class StreamSource extends ByteSource {

    private final InputStream in;
    private int position;
    private boolean pastEnd;

    StreamSource(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            pastEnd = true;
        } else {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = in.read(bytes, offset, length);
        if (count < 0) {
            pastEnd = true;
        } else {
            position += count;
        }
        return count;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public boolean ranPastEnd() {
        return pastEnd;
    }
}
