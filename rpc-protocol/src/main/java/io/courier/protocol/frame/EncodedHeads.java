package io.courier.protocol.frame;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The start of a request body, service key and method descriptor as {@link Wire#writeString} writes
 * them, encoded once per (service key, method) and then copied: both repeat on every call of a
 * reference, and encoding the two strings as UTF-8 on every request was about 4 % of a consumer's
 * CPU samples. The bytes are exactly those {@code writeString} would write.
 *
 * <p>A small direct-mapped table shared by every connection, keyed by the method descriptor's
 * identity (descriptors are built once per service interface) and the service key. Entries are
 * immutable and replaced whole, so threads may race on a slot without locks: a lost write only
 * costs one more encoding. It never grows.
 */
final class EncodedHeads {

    private static final int SLOTS = 256;

    private final Entry[] entries = new Entry[SLOTS];

    /** Writes {@code key} then {@code method}'s descriptor, each as {@link Wire#writeString} does. */
    void write(ByteBuf out, ServiceKey key, MethodDescriptor method) {
        int slot = System.identityHashCode(method) & SLOTS - 1;
        Entry entry = entries[slot];
        if (entry == null || entry.method != method || !(entry.key == key || entry.key.equals(key))) {
            entry = new Entry(key, method, encode(key, method));
            entries[slot] = entry;
        }
        out.writeBytes(entry.bytes);
    }

    private static byte[] encode(ServiceKey key, MethodDescriptor method) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            Wire.writeString(buffer, key.toString());
            Wire.writeString(buffer, method.descriptor());
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    private record Entry(ServiceKey key, MethodDescriptor method, byte[] bytes) {}
}
