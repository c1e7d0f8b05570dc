package io.courier.protocol;

import io.courier.protocol.internal.Header;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds raw frames byte by byte, including ones no encoder would write. */
public final class Bytes {

    private Bytes() {}

    public static byte[] header(
            int magic, int version, int serializer, int flags, int status, long id, long bodyLength) {
        ByteBuf out = Unpooled.buffer(Header.LENGTH);
        out.writeByte(magic);
        out.writeByte(version << 5 | serializer);
        out.writeByte(flags);
        out.writeByte(status);
        out.writeLong(id);
        out.writeInt((int) bodyLength);
        return array(out);
    }

    /** A version-1 header. */
    public static byte[] header(int serializer, int flags, int status, long id, long bodyLength) {
        return header(Header.MAGIC, Header.VERSION, serializer, flags, status, id, bodyLength);
    }

    public static byte[] frame(int serializer, int flags, int status, long id, byte[] body) {
        return concat(header(serializer, flags, status, id, body.length), body);
    }

    /** A request body with raw argument bytes appended. */
    public static byte[] requestBody(
            String serviceKey, String method, Map<String, String> attachments, byte[] arguments) {
        ByteBuf out = Unpooled.buffer();
        Wire.writeString(out, serviceKey);
        Wire.writeString(out, method);
        Wire.writeVarint(out, attachments.size());
        attachments.forEach((k, v) -> {
            Wire.writeString(out, k);
            Wire.writeString(out, v);
        });
        out.writeBytes(arguments);
        return array(out);
    }

    public static byte[] array(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Replaces every length-prefixed occurrence of {@code from} (varint or hessian prefix) by {@code to}. */
    public static byte[] rename(byte[] bytes, String from, String to) {
        byte[] result =
                replace(bytes, concat(varint(from.length()), ascii(from)), concat(varint(to.length()), ascii(to)));
        return replace(
                result,
                concat(hessianLength(from.length()), ascii(from)),
                concat(hessianLength(to.length()), ascii(to)));
    }

    public static byte[] varint(int value) {
        ByteBuf out = Unpooled.buffer(5);
        Wire.writeVarint(out, value);
        return array(out);
    }

    public static byte[] hessianLength(int length) {
        return length < 32 ? new byte[] {(byte) length} : new byte[] {(byte) (0x30 + (length >> 8)), (byte) length};
    }

    public static byte[] replace(byte[] bytes, byte[] from, byte[] to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < bytes.length) {
            if (i + from.length <= bytes.length && regionMatches(bytes, i, from)) {
                out.writeBytes(to);
                i += from.length;
            } else {
                out.write(bytes[i++]);
            }
        }
        return out.toByteArray();
    }

    private static boolean regionMatches(byte[] bytes, int offset, byte[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            if (bytes[offset + j] != pattern[j]) {
                return false;
            }
        }
        return true;
    }

    /** Sets the header's body length to the bytes after it. */
    public static byte[] fixLength(byte[] frame) {
        byte[] copy = frame.clone();
        int length = copy.length - Header.LENGTH;
        copy[12] = (byte) (length >>> 24);
        copy[13] = (byte) (length >>> 16);
        copy[14] = (byte) (length >>> 8);
        copy[15] = (byte) length;
        return copy;
    }
}
