package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Reads length-prefixed UTF-8 names that repeat from frame to frame (service keys, method
 * descriptors, attachment keys) and hands back the same {@link String} for the same bytes, so a
 * request does not decode and hash the same text again: the cached string's hash is computed once,
 * and the map lookups that follow find it by identity. Checks lengths exactly as {@link
 * Wire#readString} does.
 *
 * <p>A small direct-mapped table per kind of name, shared by every connection. Entries are immutable
 * and replaced whole, so threads may race on a slot without locks: a lost write only costs one more
 * decode. Names come from untrusted peers; a peer sending ever new names only evicts entries (the
 * table never grows), and names longer than {@value #MAX_CACHED_BYTES} bytes are never kept.
 */
public final class KnownNames {

    /** Longest name kept, in bytes; longer ones are decoded every time. */
    static final int MAX_CACHED_BYTES = 256;

    private static final int SLOTS = 256;

    private final Entry[] entries = new Entry[SLOTS];

    /**
     * Reads a varint byte count and that many UTF-8 bytes, as {@link Wire#readString} does.
     *
     * @throws io.courier.api.RpcException {@code BAD_REQUEST} naming {@code field} when the count is
     *     over {@code maxBytes} or past the bytes left
     */
    public String read(ByteBuf in, int maxBytes, String field) {
        int start = in.readerIndex();
        int length = Wire.readVarint(in, field);
        return read(in, length, maxBytes, field, start);
    }

    /**
     * Reads {@code length} UTF-8 bytes whose length prefix started at {@code start}, checking the
     * length as {@link Wire#readUtf8} does.
     */
    public String read(ByteBuf in, int length, int maxBytes, String field, int start) {
        if (length > MAX_CACHED_BYTES || length > maxBytes || length > in.readableBytes()) {
            return Wire.readUtf8(in, length, maxBytes, field, start);
        }
        int at = in.readerIndex();
        int hash = hash(in, at, length);
        int slot = hash & SLOTS - 1;
        Entry entry = entries[slot];
        if (entry != null
                && entry.hash == hash
                && entry.bytes.length == length
                && ByteBufUtil.equals(in, at, entry.buffer, 0, length)) {
            in.skipBytes(length);
            return entry.value;
        }
        String value = in.toString(at, length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        byte[] bytes = new byte[length];
        in.getBytes(at, bytes);
        entries[slot] = new Entry(hash, bytes, value);
        return value;
    }

    /** A hash of the bytes, eight at a time where it can. */
    private static int hash(ByteBuf in, int at, int length) {
        long h = length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = h * 0x9E3779B97F4A7C15L + in.getLong(at + i);
        }
        for (; i < length; i++) {
            h = h * 31 + in.getByte(at + i);
        }
        h ^= h >>> 32;
        return (int) (h ^ h >>> 16);
    }

    private static final class Entry {
        final int hash;
        final byte[] bytes;
        final ByteBuf buffer;
        final String value;

        Entry(int hash, byte[] bytes, String value) {
            this.hash = hash;
            this.bytes = bytes;
            this.buffer = Unpooled.wrappedBuffer(bytes);
            this.value = value;
        }
    }
}
