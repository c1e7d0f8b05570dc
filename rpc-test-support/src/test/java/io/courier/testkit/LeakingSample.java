package io.courier.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * Leaks a buffer on purpose. Not a test of its own (surefire does not pick up this name): {@link
 * LeakDetectionExtensionTest} runs it through the JUnit engine and expects the extension to fail it.
 */
class LeakingSample {

    @Test
    void dropsABufferWithoutReleasingIt() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        // The reference goes out of scope unreleased; the next GC makes it a leak.
    }
}
