package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The last short, self-delimiting section of a frame one thread decoded, with what it decoded to:
 * most requests of a consumer carry the very same attachment bytes (its time budget, nothing
 * else), so a section whose bytes equal the last one's decodes to the same value, and comparing
 * a few longs costs less than hashing and looking up each name in it again.
 *
 * <p>Sound only for a section that is self-delimiting and decoded by a pure function of its bytes
 * and of {@code context} (the limits it was checked against): then bytes that start with the
 * remembered section are that section, and decode to the remembered value. Not thread-safe: one
 * per thread (see {@link IoThreadLocal}).
 *
 * @param <T> what a section decodes to; immutable, since every match shares it
 */
public final class RepeatedBlock<T> {

    /** Longer sections are not remembered: they are rarely the same twice (trace ids, tokens). */
    public static final int MAX_BYTES = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes = new byte[MAX_BYTES];
    private int length;
    private Object context;
    private T value;

    /**
     * The value of the section at {@code in}'s reader index, skipping its bytes, if they repeat the
     * section remembered under {@code context}; else {@code null}, and {@code in} is untouched.
     */
    public T match(ByteBuf in, Object context) {
        int size = length;
        if (size == 0 || this.context != context || in.readableBytes() < size) {
            return null;
        }
        int at = in.readerIndex();
        int i = 0;
        for (; i + Long.BYTES <= size; i += Long.BYTES) {
            if (in.getLong(at + i) != (long) LONGS.get(bytes, i)) {
                return null;
            }
        }
        for (; i < size; i++) {
            if (in.getByte(at + i) != bytes[i]) {
                return null;
            }
        }
        in.skipBytes(size);
        return value;
    }

    /**
     * Remembers that the bytes of {@code in} from {@code start} to its reader index decoded, under
     * {@code context}, to {@code value}; a section longer than {@link #MAX_BYTES} is not kept.
     */
    public void remember(ByteBuf in, int start, Object context, T value) {
        int size = in.readerIndex() - start;
        if (size <= 0 || size > MAX_BYTES) {
            return;
        }
        in.getBytes(start, bytes, 0, size);
        this.length = size;
        this.context = context;
        this.value = value;
    }
}
