package io.courier.protocol.internal;

import io.courier.api.serialization.ByteSink;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.protostuff.ByteString;
import io.protostuff.Output;
import io.protostuff.Schema;
import io.protostuff.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A protostuff {@link Output} writing the protostuff format (nested messages as start and end
 * groups) to a {@link ByteSink} (on the call path, one writing into the frame buffer), byte for
 * byte what {@code io.protostuff.ProtostuffOutput} writes, without protostuff's linked buffers. Not
 * thread-safe; one per writing session.
 *
 * <p>{@link #writeMessage} encodes one message into a plain array that the thread reuses, then
 * writes its size and the array to the sink in one copy: array stores cost a fraction of a
 * buffer's checked single-byte writes (the frame buffer is usually direct memory), and the size,
 * which protostuff needs in front, is known before anything reaches the sink.
 */
public final class ByteBufOutput implements Output {

    /** The largest array a thread keeps between messages; larger ones are dropped after use. */
    private static final int KEPT = 64 * 1024;

    private static final int FIRST = 512;

    /**
     * How far the array may pass the limit: a varint or fixed field reserves its largest size; the
     * frame buffer's own check, when the message is copied, is the exact one.
     */
    private static final int SLACK = 16;

    private static final FastThreadLocal<Scratch> SCRATCH = IoThreadLocal.withInitial(Scratch::new);

    private final ByteSink sink;
    private byte[] buf;
    private int pos;
    /** How many bytes the message may take: what the sink can still take. */
    private int limit;
    /** How far {@code pos} may go before {@link #grow}: the array's length or the limit's. */
    private int room;

    /** An output writing messages to {@code sink}. */
    public ByteBufOutput(ByteSink sink) {
        this.sink = sink;
    }

    /** An output writing messages into {@code out}. */
    public ByteBufOutput(ByteBuf out) {
        this(new BufferOutputStream(out));
    }

    /**
     * Writes a varint ({@code message}'s size + {@code bias}) and then the message.
     *
     * @throws IOException as {@link Schema#writeTo} and the sink do; an {@link
     *     IndexOutOfBoundsException} if the message outgrows what the sink can take
     */
    public <T> void writeMessage(T message, Schema<T> schema, int bias) throws IOException {
        Scratch scratch = SCRATCH.get();
        // a schema that writes another message from inside writeTo gets an array of its own
        boolean owned = !scratch.busy;
        scratch.busy = true;
        buf = owned ? scratch.bytes : new byte[FIRST];
        pos = 0;
        limit = (int) Math.min(sink.maxWritable(), Integer.MAX_VALUE - 8 - SLACK);
        room = roomIn(buf);
        try {
            schema.writeTo(this, message);
            int size = pos;
            int prefixed = size + bias;
            long total = varintSize(prefixed) + (long) size;
            if (total > limit) {
                throw tooLarge(total);
            }
            SinkVarints.writeVarint(sink, prefixed);
            sink.write(buf, 0, size);
        } finally {
            if (owned) {
                scratch.bytes = buf.length <= KEPT ? buf : new byte[FIRST];
                scratch.busy = false;
            }
            buf = null;
        }
    }

    /** Room for {@code count} more bytes at {@code pos}, growing the array up to the limit. */
    private void ensure(int count) {
        if (count > room - pos) {
            grow(count);
        }
    }

    private void grow(int count) {
        int needed = pos + count;
        if (needed > (long) limit + SLACK || needed < 0) {
            throw tooLarge(needed);
        }
        int length = (int) Math.min(Math.max((long) buf.length * 2, needed), (long) limit + SLACK);
        if (length > buf.length) {
            buf = Arrays.copyOf(buf, length);
        }
        room = roomIn(buf);
    }

    /** How much of {@code array} a message may use: all of it, or up to the limit and the slack. */
    private int roomIn(byte[] array) {
        return (int) Math.min(array.length, (long) limit + SLACK);
    }

    private IndexOutOfBoundsException tooLarge(long bytes) {
        return new IndexOutOfBoundsException(
                "message of at least " + bytes + " bytes exceeds the " + limit + " bytes the sink can still take");
    }

    /** The array a thread reuses for messages, and whether a message of this thread is using it. */
    private static final class Scratch {
        byte[] bytes = new byte[FIRST];
        boolean busy;
    }

    @Override
    public void writeInt32(int fieldNumber, int value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_VARINT);
        if (value < 0) {
            writeVarint64(value);
        } else {
            writeVarint32(value);
        }
    }

    @Override
    public void writeUInt32(int fieldNumber, int value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_VARINT);
        writeVarint32(value);
    }

    @Override
    public void writeSInt32(int fieldNumber, int value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_VARINT);
        writeVarint32(value << 1 ^ value >> 31);
    }

    @Override
    public void writeFixed32(int fieldNumber, int value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_FIXED32);
        ensure(4);
        byte[] b = buf;
        int p = pos;
        b[p] = (byte) value;
        b[p + 1] = (byte) (value >>> 8);
        b[p + 2] = (byte) (value >>> 16);
        b[p + 3] = (byte) (value >>> 24);
        pos = p + 4;
    }

    @Override
    public void writeSFixed32(int fieldNumber, int value, boolean repeated) {
        writeFixed32(fieldNumber, value, repeated);
    }

    @Override
    public void writeInt64(int fieldNumber, long value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_VARINT);
        writeVarint64(value);
    }

    @Override
    public void writeUInt64(int fieldNumber, long value, boolean repeated) {
        writeInt64(fieldNumber, value, repeated);
    }

    @Override
    public void writeSInt64(int fieldNumber, long value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_VARINT);
        writeVarint64(value << 1 ^ value >> 63);
    }

    @Override
    public void writeFixed64(int fieldNumber, long value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_FIXED64);
        ensure(8);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < 8; i++) {
            b[p + i] = (byte) (value >>> (i << 3));
        }
        pos = p + 8;
    }

    @Override
    public void writeSFixed64(int fieldNumber, long value, boolean repeated) {
        writeFixed64(fieldNumber, value, repeated);
    }

    @Override
    public void writeFloat(int fieldNumber, float value, boolean repeated) {
        writeFixed32(fieldNumber, Float.floatToRawIntBits(value), repeated);
    }

    @Override
    public void writeDouble(int fieldNumber, double value, boolean repeated) {
        writeFixed64(fieldNumber, Double.doubleToRawLongBits(value), repeated);
    }

    @Override
    public void writeBool(int fieldNumber, boolean value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_VARINT);
        ensure(1);
        buf[pos++] = (byte) (value ? 1 : 0);
    }

    @Override
    public void writeEnum(int fieldNumber, int value, boolean repeated) {
        writeInt32(fieldNumber, value, repeated);
    }

    @Override
    public void writeString(int fieldNumber, CharSequence value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int chars = value.length();
        if (writeAscii(value, chars)) {
            return;
        }
        int bytes = chars;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < chars
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    // a pair: four bytes for two chars
                    bytes += 2;
                    i++;
                } else {
                    // three bytes, lone surrogates included (as protostuff writes them)
                    bytes += 2;
                }
            }
        }
        writeVarint32(bytes);
        ensure(bytes);
        writeUtf8(value, chars);
    }

    /**
     * Writes the length and the characters in one pass if they are all ASCII; otherwise writes
     * nothing and returns false.
     */
    private boolean writeAscii(CharSequence value, int chars) {
        int prefix = varintSize(chars);
        ensure(prefix + chars);
        byte[] b = buf;
        int start = pos + prefix;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            b[start + i] = (byte) c;
        }
        writeVarint32(chars);
        pos = start + chars;
        return true;
    }

    /** UTF-8 as protostuff writes it: a lone surrogate as its three-byte form. */
    private void writeUtf8(CharSequence value, int chars) {
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6 & 0x1F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                b[p++] = (byte) (0xF0 | codePoint >> 18 & 0x07);
                b[p++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                b[p++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                b[p++] = (byte) (0xE0 | c >> 12 & 0x0F);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        pos = p;
    }

    @Override
    public void writeBytes(int fieldNumber, ByteString value, boolean repeated) {
        writeByteArray(fieldNumber, value.toByteArray(), repeated);
    }

    @Override
    public void writeByteArray(int fieldNumber, byte[] value, boolean repeated) {
        writeByteRange(false, fieldNumber, value, 0, value.length, repeated);
    }

    @Override
    public void writeByteRange(
            boolean utf8String, int fieldNumber, byte[] value, int offset, int length, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        writeVarint32(length);
        ensure(length);
        System.arraycopy(value, offset, buf, pos, length);
        pos += length;
    }

    @Override
    public <T> void writeObject(int fieldNumber, T value, Schema<T> schema, boolean repeated) throws IOException {
        writeTag(fieldNumber, WireFormat.WIRETYPE_START_GROUP);
        schema.writeTo(this, value);
        writeTag(fieldNumber, WireFormat.WIRETYPE_END_GROUP);
    }

    @Override
    public void writeBytes(int fieldNumber, ByteBuffer value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int length = value.remaining();
        writeVarint32(length);
        ensure(length);
        value.duplicate().get(buf, pos, length);
        pos += length;
    }

    /** A length-delimited field of a zigzag varint and a varint, as the time delegates write it. */
    void writeSecondsAndNanos(int fieldNumber, long seconds, int nanos) {
        long zigzag = seconds << 1 ^ seconds >> 63;
        writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        ensure(1);
        buf[pos++] = (byte) (varintSize(zigzag) + varintSize(nanos));
        writeVarint64(zigzag);
        writeVarint32(nanos);
    }

    private void writeTag(int fieldNumber, int wireType) {
        writeVarint32(fieldNumber << 3 | wireType);
    }

    private void writeVarint32(int value) {
        ensure(5);
        byte[] b = buf;
        int p = pos;
        while ((value & ~0x7F) != 0) {
            b[p++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        b[p++] = (byte) value;
        pos = p;
    }

    private void writeVarint64(long value) {
        ensure(10);
        byte[] b = buf;
        int p = pos;
        while ((value & ~0x7FL) != 0) {
            b[p++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        b[p++] = (byte) value;
        pos = p;
    }

    static int varintSize(int value) {
        return (32 - Integer.numberOfLeadingZeros(value | 1) + 6) / 7;
    }

    static int varintSize(long value) {
        return (64 - Long.numberOfLeadingZeros(value | 1) + 6) / 7;
    }
}
