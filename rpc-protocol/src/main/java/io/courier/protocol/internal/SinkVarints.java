package io.courier.protocol.internal;

import io.courier.api.Internal;
import io.courier.api.serialization.ByteSink;
import java.io.IOException;

/** Varints written straight to a {@link ByteSink}: unsigned, 64-bit and zigzag, as protobuf encodes them. */
@Internal
public final class SinkVarints {

    private SinkVarints() {}

    /** Writes {@code value} as an unsigned varint to {@code sink}. */
    public static void writeVarint(ByteSink sink, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            sink.writeByte(value & 0x7F | 0x80);
            value >>>= 7;
        }
        sink.writeByte(value);
    }

    /** Writes {@code value} as an unsigned 64-bit varint to {@code sink}. */
    public static void writeVarint64(ByteSink sink, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            sink.writeByte((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        sink.writeByte((int) value);
    }

    /** Writes {@code value} zigzag-encoded (small negative numbers stay short) as a varint to {@code sink}. */
    public static void writeZigzag(ByteSink sink, int value) throws IOException {
        writeVarint(sink, value << 1 ^ value >> 31);
    }

    /** Writes {@code value} zigzag-encoded as a 64-bit varint to {@code sink}. */
    public static void writeZigzag64(ByteSink sink, long value) throws IOException {
        writeVarint64(sink, value << 1 ^ value >> 63);
    }
}
