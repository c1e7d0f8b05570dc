package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Where a direct buffer's name is copied to be hashed and compared; one per thread. */
    private static final FastThreadLocal<byte[]> SCRATCH = IoThreadLocal.withInitial(() -> new byte[MAX_CACHED_BYTES]);

    private final Entry[] entries = new Entry[SLOTS];

    /**
     * A table that hands back the given instances for their bytes, so that comparing a read name with
     * a constant (an attachment key the protocol looks for) succeeds on identity rather than by
     * comparing characters. Their slots are pinned: another name hashing there is decoded each time
     * instead of evicting them.
     */
    public KnownNames(String... pinned) {
        for (String name : pinned) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_CACHED_BYTES) {
                throw new IllegalArgumentException(
                        "pinned name of " + bytes.length + " bytes (expected: <= " + MAX_CACHED_BYTES + ")");
            }
            int hash = hash(bytes, 0, bytes.length);
            int slot = hash & SLOTS - 1;
            if (entries[slot] == null) {
                entries[slot] = new Entry(hash, bytes, name, true);
            }
        }
    }

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
        byte[] array = array(in, at, length);
        int from = in.hasArray() ? in.arrayOffset() + at : 0;
        int hash = hash(array, from, length);
        int slot = hash & SLOTS - 1;
        Entry entry = entries[slot];
        if (entry != null
                && entry.hash == hash
                && entry.bytes.length == length
                && Arrays.equals(array, from, from + length, entry.bytes, 0, length)) {
            in.skipBytes(length);
            return entry.value;
        }
        String value = in.toString(at, length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        if (entry == null || !entry.pinned) {
            entries[slot] = new Entry(hash, Arrays.copyOfRange(array, from, from + length), value, false);
        }
        return value;
    }

    /**
     * The array that holds the {@code length} bytes at {@code at}: a heap buffer's own, else a copy in
     * this thread's scratch array, made with one bounds check. Hashing and comparing then read a
     * plain array: through the buffer, its bounds check per read made looking a name up cost more
     * than decoding it.
     */
    private static byte[] array(ByteBuf in, int at, int length) {
        if (in.hasArray()) {
            return in.array();
        }
        byte[] scratch = SCRATCH.get();
        in.getBytes(at, scratch, 0, length);
        return scratch;
    }

    /** A hash of the bytes, eight at a time where it can. */
    private static int hash(byte[] bytes, int at, int length) {
        long h = length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(bytes, at + i);
        }
        for (; i < length; i++) {
            h = h * 31 + bytes[at + i];
        }
        h ^= h >>> 32;
        return (int) (h ^ h >>> 16);
    }

    private static final class Entry {
        final int hash;
        final byte[] bytes;
        final String value;
        final boolean pinned;

        Entry(int hash, byte[] bytes, String value, boolean pinned) {
            this.hash = hash;
            this.bytes = bytes;
            this.value = value;
            this.pinned = pinned;
        }
    }
}
