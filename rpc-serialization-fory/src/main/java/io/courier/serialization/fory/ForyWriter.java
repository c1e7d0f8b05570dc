package io.courier.serialization.fory;

import io.courier.api.ByteSink;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.Serializer;
import io.courier.protocol.internal.Throwables;
import java.io.IOException;
import java.lang.reflect.Type;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * One writing session of {@link ServiceFory}: the fingerprint before the first value, then each
 * value encoded into a buffer the thread reuses and written to the sink as its length and one write.
 */
final class ForyWriter implements Serializer.ValueWriter {

    /** Larger buffers are not kept between sessions. */
    private static final int KEPT_BYTES = 64 * 1024;

    private static final ThreadLocal<MemoryBuffer> BUFFERS =
            ThreadLocal.withInitial(() -> MemoryBuffer.newHeapBuffer(512));

    private final ThreadSafeFory fory;
    private final int fingerprint;
    private final ByteSink sink;
    private boolean started;

    ForyWriter(ThreadSafeFory fory, int fingerprint, ByteSink sink) {
        this.fory = fory;
        this.fingerprint = fingerprint;
        this.sink = sink;
    }

    @Override
    public void write(Object value, Type declaredType) throws IOException {
        Object written = value instanceof Throwable exception ? Throwables.toData(exception) : value;
        MemoryBuffer buffer = BUFFERS.get();
        buffer.writerIndex(0);
        try {
            fory.serialize(buffer, written);
        } catch (RuntimeException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "fory cannot write "
                            + (value == null ? "null" : value.getClass().getName()) + " as "
                            + declaredType.getTypeName() + " (" + e.getClass().getName() + ": " + e.getMessage()
                            + "; expected: a type the service interface reaches)",
                    e);
        }
        int size = buffer.writerIndex();
        if ((started ? 0 : 4) + 5L + size > sink.maxWritable()) {
            // the protocol reports this as a value too large for the frame
            throw new IndexOutOfBoundsException("fory value of " + size + " bytes, " + sink.maxWritable() + " left");
        }
        if (!started) {
            sink.writeByte(fingerprint >>> 24);
            sink.writeByte(fingerprint >>> 16);
            sink.writeByte(fingerprint >>> 8);
            sink.writeByte(fingerprint);
            started = true;
        }
        for (int rest = size; ; rest >>>= 7) {
            if ((rest & ~0x7F) == 0) {
                sink.writeByte(rest);
                break;
            }
            sink.writeByte((rest & 0x7F) | 0x80);
        }
        sink.write(buffer.getHeapMemory(), 0, size);
        if (buffer.size() > KEPT_BYTES) {
            BUFFERS.remove();
        }
    }

    @Override
    public void flush() {
        // every value reaches the sink as it is written
    }
}
