package io.courier.protocol.frame;

/**
 * How large the frames of each method (requests) and of each result type (responses) were lately,
 * so that the next one's buffer starts big enough: a buffer that fills up is reallocated and
 * copied while the frame is being written (a user, a page of users or any value over the first
 * 256 bytes cost an allocation, a copy and a free per call, about 4 % of a provider's samples on
 * {@code getUser}).
 *
 * <p>A small direct-mapped table of hints keyed by the identity of the method descriptor or the
 * result type, shared by every thread that encodes. Reads and writes race by design: a hint that is
 * lost or comes from a colliding key only costs one reallocation. A hint is the frame size rounded
 * up to a power of two, so most frames of a type change nothing and the table is rarely written.
 */
final class FrameSizes {

    /** The first size of a frame's buffer without a hint; the smallest one with. */
    static final int MIN_CAPACITY = 256;

    /** Larger frames are rare: their buffers grow as they are written rather than start this big. */
    static final int MAX_HINT = 64 * 1024;

    private static final int SLOTS = 256;

    private final int[] hints = new int[SLOTS];

    /** The capacity to start a frame for {@code key} with ({@code null}: no hint). */
    int initialCapacity(Object key) {
        if (key == null) {
            return MIN_CAPACITY;
        }
        int hint = hints[slot(key)];
        return Math.max(hint, MIN_CAPACITY);
    }

    /** Notes that a frame for {@code key} took {@code size} bytes. */
    void record(Object key, int size) {
        if (key == null) {
            return;
        }
        int hint = size <= MIN_CAPACITY ? MIN_CAPACITY : Math.min(MAX_HINT, ceilingPowerOfTwo(size));
        int slot = slot(key);
        if (hints[slot] != hint) {
            hints[slot] = hint;
        }
    }

    private static int slot(Object key) {
        return System.identityHashCode(key) & SLOTS - 1;
    }

    private static int ceilingPowerOfTwo(int size) {
        return size >= 1 << 30 ? 1 << 30 : Integer.highestOneBit(size - 1) << 1;
    }
}
