package io.courier.api.serialization;

import java.io.IOException;
import java.io.OutputStream;

/** A {@link ByteSink} over a plain stream (see {@link ByteSink#of}). */
final class StreamSink extends ByteSink {

    private final OutputStream out;
    private long written;

    StreamSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        written++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        written += length;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public long written() {
        return written;
    }
}
