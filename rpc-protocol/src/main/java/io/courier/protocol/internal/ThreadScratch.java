package io.courier.protocol.internal;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The array a thread reuses to copy a message out of a direct buffer, so that the message is read
 * with plain array reads (a fraction of the cost of the buffer's checked single-byte reads): taken
 * for one message, given back after it. A read inside a read on the same thread finds it taken and
 * copies into an array of its own. Confined to its thread.
 */
final class ThreadScratch {

    private static final int FIRST = 1024;
    /** The largest array a thread keeps between messages; larger ones are dropped after use. */
    private static final int KEPT = 64 * 1024;

    private static final FastThreadLocal<ThreadScratch> SCRATCH = IoThreadLocal.withInitial(ThreadScratch::new);

    private byte[] bytes = new byte[FIRST];
    private boolean busy;

    private ThreadScratch() {}

    /** The thread's scratch, now taken, or {@code null} if a read on this thread already holds it. */
    static ThreadScratch take() {
        ThreadScratch scratch = SCRATCH.get();
        if (scratch.busy) {
            return null;
        }
        scratch.busy = true;
        return scratch;
    }

    /** {@code length} bytes of {@code in} at {@code index}, in an array of their own. */
    static byte[] copyOf(ByteBuf in, int index, int length) {
        byte[] copy = new byte[length];
        in.getBytes(index, copy, 0, length);
        return copy;
    }

    /** This scratch's array, holding {@code length} bytes of {@code in} at {@code index} from its start. */
    byte[] fill(ByteBuf in, int index, int length) {
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        in.getBytes(index, bytes, 0, length);
        return bytes;
    }

    /** Gives the scratch back to its thread, dropping an array grown past what is kept. */
    void giveBack() {
        if (bytes.length > KEPT) {
            bytes = new byte[FIRST];
        }
        busy = false;
    }
}
