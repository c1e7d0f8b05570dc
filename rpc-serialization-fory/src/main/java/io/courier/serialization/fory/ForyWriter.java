package io.courier.serialization.fory;

import static io.courier.serialization.fory.ForyValues.FALSE;
import static io.courier.serialization.fory.ForyValues.FORY;
import static io.courier.serialization.fory.ForyValues.INT;
import static io.courier.serialization.fory.ForyValues.LONG;
import static io.courier.serialization.fory.ForyValues.NULL;
import static io.courier.serialization.fory.ForyValues.PROTOSTUFF;
import static io.courier.serialization.fory.ForyValues.STRING;
import static io.courier.serialization.fory.ForyValues.TRUE;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.IoThreadLocal;
import io.courier.protocol.internal.SinkVarints;
import io.courier.protocol.internal.Throwables;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * One writing session of {@link ServiceFory}: each value as a tag byte, then a scalar's own bytes
 * (null, booleans, ints, longs and strings, the arguments and results of most small calls, cost no
 * Fory call), or a Fory value encoded into a buffer the thread reuses and written to the sink as its
 * length and one write. A value Fory cannot write (its class, or one inside it, is not registered:
 * a subclass passed where its parent is declared) is written by protostuff instead, and so is every
 * later value of its class.
 */
final class ForyWriter implements Serializer.ValueWriter {

    /** Larger buffers are not kept between sessions. */
    private static final int KEPT_BYTES = 64 * 1024;

    private static final FastThreadLocal<MemoryBuffer> BUFFERS =
            IoThreadLocal.withInitial(() -> MemoryBuffer.newHeapBuffer(512));

    private final ThreadSafeFory fory;
    private final ForyFallback fallback;
    private final ByteSink sink;

    ForyWriter(ThreadSafeFory fory, ForyFallback fallback, ByteSink sink) {
        this.fory = fory;
        this.fallback = fallback;
        this.sink = sink;
    }

    @Override
    public void write(Object value, Type declaredType) throws IOException {
        if (value == null) {
            sink.writeByte(NULL);
            return;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            writeString((String) value);
        } else if (type == Boolean.class) {
            sink.writeByte((Boolean) value ? TRUE : FALSE);
        } else if (type == Integer.class) {
            sink.writeByte(INT);
            SinkVarints.writeZigzag(sink, (Integer) value);
        } else if (type == Long.class) {
            sink.writeByte(LONG);
            SinkVarints.writeZigzag64(sink, (Long) value);
        } else if (fallback.takes(type)) {
            writeProtostuff(value, declaredType);
        } else {
            writeFory(value, declaredType);
        }
    }

    private void writeString(String value) throws IOException {
        if (value.length() > sink.maxWritable()) {
            // every char takes at least a byte: refused before it is encoded
            throw new IndexOutOfBoundsException(
                    "string of " + value.length() + " chars, " + sink.maxWritable() + " bytes left");
        }
        // a lone surrogate becomes '?', as protostuff writes it
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeBytes(STRING, bytes, bytes.length);
    }

    private void writeFory(Object value, Type declaredType) throws IOException {
        Object written = value instanceof Throwable exception ? Throwables.toData(exception) : value;
        MemoryBuffer buffer = BUFFERS.get();
        buffer.writerIndex(0);
        try {
            fory.serialize(buffer, written);
        } catch (RuntimeException e) {
            // nothing reached the sink yet
            fallback.remember(value.getClass(), e);
            writeProtostuff(value, declaredType);
            return;
        }
        writeBytes(FORY, buffer.getHeapMemory(), buffer.writerIndex());
        if (buffer.size() > KEPT_BYTES) {
            BUFFERS.remove();
        }
    }

    private void writeProtostuff(Object value, Type declaredType) throws IOException {
        byte[] bytes = fallback.write(value, declaredType);
        writeBytes(PROTOSTUFF, bytes, bytes.length);
    }

    /** The tag, the length and the bytes, or nothing if they do not fit what the sink can take. */
    private void writeBytes(int tag, byte[] bytes, int size) throws IOException {
        if (6L + size > sink.maxWritable()) {
            // the protocol reports this as a value too large for the frame
            throw new IndexOutOfBoundsException("fory value of " + size + " bytes, " + sink.maxWritable() + " left");
        }
        sink.writeByte(tag);
        SinkVarints.writeVarint(sink, size);
        sink.write(bytes, 0, size);
    }

    @Override
    public void flush() {
        // every value reaches the sink as it is written
    }
}
