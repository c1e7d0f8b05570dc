package io.courier.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The well-behaved twin of {@link LeakingSample}: run through the engine, it must pass. */
class ReleasingSample {

    @Test
    void releasesEveryBuffer() {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(42);
        buffer.release();
    }
}
