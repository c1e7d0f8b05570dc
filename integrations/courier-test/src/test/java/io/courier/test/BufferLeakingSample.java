package io.courier.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Run by {@link CourierExtensionTest}: a {@link CourierTest} class that drops a buffer unreleased. */
@CourierTest
class BufferLeakingSample {

    @Test
    void dropsABufferWithoutReleasingIt() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        // The reference goes out of scope unreleased; the collection after the class makes it a leak.
    }
}
