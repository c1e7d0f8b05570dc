package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.protostuff.ByteString;
import io.protostuff.Output;
import io.protostuff.Schema;
import io.protostuff.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A protostuff {@link Output} writing the protostuff format (nested messages as start and end
 * groups) straight into a frame buffer, byte for byte what {@code io.protostuff.ProtostuffOutput}
 * writes, without protostuff's intermediate buffer and its copy. Not thread-safe; one per writing
 * session.
 *
 * <p>Only the outermost message needs its size in front; {@link #writeMessage} reserves room for
 * it, writes the message and moves the message when the size takes another number of bytes than
 * reserved.
 */
public final class ByteBufOutput implements Output {

    /** Two varint bytes hold sizes up to 16383: most messages need no move. */
    private static final int RESERVED = 2;

    private static final int MAX_RESERVED_SIZE = (1 << 14) - 1;

    private final ByteBuf out;

    public ByteBufOutput(ByteBuf out) {
        this.out = out;
    }

    /**
     * Writes a varint ({@code message}'s size + {@code bias}) and then the message.
     *
     * @throws IOException as {@link Schema#writeTo} does; an {@link IndexOutOfBoundsException} if
     *     the buffer reaches its maximum capacity
     */
    public <T> void writeMessage(T message, Schema<T> schema, int bias) throws IOException {
        int start = out.writerIndex();
        out.writeShort(0);
        int body = start + RESERVED;
        try {
            schema.writeTo(this, message);
        } catch (IOException | RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        int size = out.writerIndex() - body;
        int prefixed = size + bias;
        if (prefixed >= 0 && prefixed <= MAX_RESERVED_SIZE && prefixed > 0x7F) {
            out.setByte(start, prefixed & 0x7F | 0x80);
            out.setByte(start + 1, prefixed >>> 7);
            return;
        }
        int prefix = varintSize(prefixed);
        int target = start + prefix;
        if (prefix > RESERVED) {
            out.ensureWritable(prefix - RESERVED);
        }
        move(body, target, size);
        out.writerIndex(start);
        writeVarint32(prefixed);
        out.writerIndex(target + size);
    }

    /** Moves {@code length} bytes within the buffer; the ranges may overlap. */
    private void move(int from, int to, int length) {
        if (length == 0 || from == to) {
            return;
        }
        if (out.hasArray()) {
            byte[] array = out.array();
            System.arraycopy(array, out.arrayOffset() + from, array, out.arrayOffset() + to, length);
        } else if (out.hasMemoryAddress()) {
            // Netty copies between memory addresses with Unsafe.copyMemory, which allows overlap.
            out.setBytes(to, out, from, length);
        } else {
            byte[] copy = new byte[length];
            out.getBytes(from, copy);
            out.setBytes(to, copy);
        }
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
        out.writeIntLE(value);
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
        out.writeLongLE(value);
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
        out.writeByte(value ? 1 : 0);
    }

    @Override
    public void writeEnum(int fieldNumber, int value, boolean repeated) {
        writeInt32(fieldNumber, value, repeated);
    }

    @Override
    public void writeString(int fieldNumber, CharSequence value, boolean repeated) {
        writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        int chars = value.length();
        if (out.hasArray() && writeAsciiIntoArray(value, chars)) {
            return;
        }
        int bytes = chars;
        boolean loneSurrogate = false;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < chars
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                    loneSurrogate = true;
                }
            }
        }
        writeVarint32(bytes);
        if (bytes == chars) {
            ByteBufUtil.writeAscii(out, value);
        } else if (!loneSurrogate) {
            // Netty encodes everything but lone surrogates as protostuff does.
            ByteBufUtil.reserveAndWriteUtf8(out, value, bytes);
        } else {
            writeWithLoneSurrogates(value, chars);
        }
    }

    /**
     * Writes the length and the characters into the heap buffer's array in one pass if they are
     * all ASCII; otherwise writes nothing and returns false.
     */
    private boolean writeAsciiIntoArray(CharSequence value, int chars) {
        int prefix = varintSize(chars);
        out.ensureWritable(prefix + chars);
        byte[] array = out.array();
        int start = out.arrayOffset() + out.writerIndex() + prefix;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            array[start + i] = (byte) c;
        }
        writeVarint32(chars);
        out.writerIndex(out.writerIndex() + chars);
        return true;
    }

    /** Protostuff writes a lone surrogate as its three-byte form, where Netty writes '?'. */
    private void writeWithLoneSurrogates(CharSequence value, int chars) {
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                out.writeByte(c);
            } else if (c < 0x800) {
                out.writeByte(0xC0 | c >> 6 & 0x1F);
                out.writeByte(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out.writeByte(0xF0 | codePoint >> 18 & 0x07);
                out.writeByte(0x80 | codePoint >> 12 & 0x3F);
                out.writeByte(0x80 | codePoint >> 6 & 0x3F);
                out.writeByte(0x80 | codePoint & 0x3F);
            } else {
                out.writeByte(0xE0 | c >> 12 & 0x0F);
                out.writeByte(0x80 | c >> 6 & 0x3F);
                out.writeByte(0x80 | c & 0x3F);
            }
        }
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
        out.writeBytes(value, offset, length);
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
        writeVarint32(value.remaining());
        out.writeBytes(value.duplicate());
    }

    /** A length-delimited field of a zigzag varint and a varint, as the time delegates write it. */
    void writeSecondsAndNanos(int fieldNumber, long seconds, int nanos) {
        long zigzag = seconds << 1 ^ seconds >> 63;
        writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeByte(varintSize(zigzag) + varintSize(nanos));
        writeVarint64(zigzag);
        writeVarint32(nanos);
    }

    private void writeTag(int fieldNumber, int wireType) {
        writeVarint32(fieldNumber << 3 | wireType);
    }

    private void writeVarint32(int value) {
        if ((value & ~0x7F) == 0) {
            out.writeByte(value);
            return;
        }
        if ((value & ~0x3FFF) == 0) {
            out.writeShort((value & 0x7F | 0x80) << 8 | value >>> 7);
            return;
        }
        while ((value & ~0x7F) != 0) {
            out.writeByte(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private void writeVarint64(long value) {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static int varintSize(int value) {
        return (32 - Integer.numberOfLeadingZeros(value | 1) + 6) / 7;
    }

    static int varintSize(long value) {
        return (64 - Long.numberOfLeadingZeros(value | 1) + 6) / 7;
    }
}
