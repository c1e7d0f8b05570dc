package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Internal;
import io.courier.api.RpcException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The primitives bodies are built from: unsigned LEB128 varints and length-prefixed UTF-8
 * strings. Readers check every length against a limit and against the bytes left before they
 * allocate anything, and report failures with the field name and the body offset only.
 */
@Internal
public final class Wire {

    private Wire() {}

    public static void writeVarint(ByteBuf out, int value) {
        while ((value & ~0x7F) != 0) {
            out.writeByte(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    public static void writeZigzag(ByteBuf out, int value) {
        writeVarint(out, value << 1 ^ value >> 31);
    }

    public static void writeZigzag64(ByteBuf out, long value) {
        long n = value << 1 ^ value >> 63;
        while ((n & ~0x7FL) != 0) {
            out.writeByte((int) (n & 0x7F | 0x80));
            n >>>= 7;
        }
        out.writeByte((int) n);
    }

    public static long readZigzag64(ByteBuf in, String field) {
        int start = in.readerIndex();
        long n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.isReadable()) {
                throw malformed(field + ": truncated varint", start);
            }
            byte b = in.readByte();
            n |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return n >>> 1 ^ -(n & 1);
            }
        }
        throw malformed(field + ": varint longer than 10 bytes", start);
    }

    /** Writes {@code value} as a varint UTF-8 byte count followed by the bytes. */
    public static void writeString(ByteBuf out, String value) {
        int bytes = ByteBufUtil.utf8Bytes(value);
        writeVarint(out, bytes);
        ByteBufUtil.reserveAndWriteUtf8(out, value, bytes);
    }

    /** As {@link #writeString}, with length + 1 so that 0 stands for {@code null}. */
    public static void writeNullableString(ByteBuf out, String value) {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        int bytes = ByteBufUtil.utf8Bytes(value);
        writeVarint(out, bytes + 1);
        ByteBufUtil.reserveAndWriteUtf8(out, value, bytes);
    }

    /**
     * Reads a non-negative varint of at most five bytes.
     *
     * @throws RpcException {@link ErrorCode#BAD_REQUEST} if it is truncated, longer than five bytes
     *     or larger than {@link Integer#MAX_VALUE}
     */
    public static int readVarint(ByteBuf in, String field) {
        int start = in.readerIndex();
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.isReadable()) {
                throw malformed(field + ": truncated varint", start);
            }
            int b = in.readByte();
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (result < 0 || shift == 28 && (b & 0x70) != 0) {
                    throw malformed(field + ": varint larger than 2147483647", start);
                }
                return result;
            }
        }
        throw malformed(field + ": varint longer than 5 bytes", start);
    }

    public static int readZigzag(ByteBuf in, String field) {
        int start = in.readerIndex();
        long raw = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!in.isReadable()) {
                throw malformed(field + ": truncated varint", start);
            }
            int b = in.readByte();
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (raw > 0xFFFF_FFFFL) {
                    throw malformed(field + ": varint larger than 32 bits", start);
                }
                int value = (int) raw;
                return value >>> 1 ^ -(value & 1);
            }
        }
        throw malformed(field + ": varint longer than 5 bytes", start);
    }

    /**
     * Reads a string of at most {@code maxBytes} UTF-8 bytes.
     *
     * @throws RpcException {@link ErrorCode#BAD_REQUEST} if the length exceeds the limit or the bytes
     *     left in the body
     */
    public static String readString(ByteBuf in, int maxBytes, String field) {
        int start = in.readerIndex();
        int length = readVarint(in, field);
        return readUtf8(in, length, maxBytes, field, start);
    }

    /** Reads what {@link #writeNullableString} wrote. */
    public static String readNullableString(ByteBuf in, int maxBytes, String field) {
        int start = in.readerIndex();
        int lengthPlusOne = readVarint(in, field);
        return lengthPlusOne == 0 ? null : readUtf8(in, lengthPlusOne - 1, maxBytes, field, start);
    }

    /**
     * Reads {@code length} UTF-8 bytes whose length prefix started at {@code start}, after checking
     * the length against {@code maxBytes} and the bytes left.
     */
    public static String readUtf8(ByteBuf in, int length, int maxBytes, String field, int start) {
        if (length > maxBytes) {
            throw malformed(field + ": " + length + " bytes (expected: <= " + maxBytes + ")", start);
        }
        if (length > in.readableBytes()) {
            throw malformed(field + ": " + length + " bytes but " + in.readableBytes() + " left", start);
        }
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** A {@link ErrorCode#BAD_REQUEST} failure naming the field and where it starts. */
    public static RpcException malformed(String what, int offset) {
        return new RpcException(ErrorCode.BAD_REQUEST, what + " at body offset " + offset);
    }
}
