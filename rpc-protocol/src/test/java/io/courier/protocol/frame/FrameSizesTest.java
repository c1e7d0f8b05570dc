package io.courier.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.Greeter;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSizesTest {

    private static final ServiceDescriptor GREETER = ServiceDescriptor.of(Greeter.class);
    private static final ServiceKey KEY = ServiceKey.of("g", Greeter.class, "1.0");

    /** Records the first capacity each buffer is asked for. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final List<Integer> initialCapacities = new ArrayList<>();

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return Unpooled.buffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return Unpooled.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        @Override
        public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
            initialCapacities.add(initialCapacity);
            return super.ioBuffer(initialCapacity, maxCapacity);
        }
    }

    private final FrameEncoder encoder = new FrameEncoder(ProtocolOptions.defaults());
    private final RecordingAllocator allocator = new RecordingAllocator();

    @Test
    void aLargeRequest_startsTheNextOfItsMethodBigEnough_andAnotherMethodsSmall() {
        String name = "n".repeat(3000);
        Invocation big = Invocation.of(KEY, GREETER.find("greet(java.lang.String)"), new Object[] {name});
        Invocation small = Invocation.of(KEY, GREETER.find("add(long,long)"), new Object[] {1L, 2L});

        int firstSize = encodeAndRelease(OutboundRequest.of(1, big, TestSerializer.INSTANCE));
        encodeAndRelease(OutboundRequest.of(2, big, TestSerializer.INSTANCE));
        encodeAndRelease(OutboundRequest.of(3, small, TestSerializer.INSTANCE));

        assertThat(firstSize).isGreaterThan(3000);
        assertThat(allocator.initialCapacities.get(0)).isEqualTo(FrameSizes.MIN_CAPACITY);
        assertThat(allocator.initialCapacities.get(1)).isEqualTo(4096).isGreaterThanOrEqualTo(firstSize);
        assertThat(allocator.initialCapacities.get(2)).isEqualTo(FrameSizes.MIN_CAPACITY);
    }

    @Test
    void responses_areSizedByTheirResultType_andErrorsStartSmall() {
        RpcResult big = RpcResult.of("r".repeat(700));
        encodeAndRelease(OutboundResponse.ofResult(1, TestSerializer.INSTANCE, String.class, big));
        encodeAndRelease(OutboundResponse.ofResult(2, TestSerializer.INSTANCE, String.class, big));
        encodeAndRelease(OutboundResponse.ofResult(3, TestSerializer.INSTANCE, long.class, RpcResult.of(5L)));

        assertThat(allocator.initialCapacities).containsExactly(FrameSizes.MIN_CAPACITY, 1024, FrameSizes.MIN_CAPACITY);
    }

    @Test
    void hints_areCappedAndNeverBelowTheFirstSize() {
        FrameSizes sizes = new FrameSizes();
        Object key = new Object();
        assertThat(sizes.initialCapacity(key)).isEqualTo(FrameSizes.MIN_CAPACITY);
        sizes.record(key, 10);
        assertThat(sizes.initialCapacity(key)).isEqualTo(FrameSizes.MIN_CAPACITY);
        sizes.record(key, 300);
        assertThat(sizes.initialCapacity(key)).isEqualTo(512);
        sizes.record(key, 10_000_000);
        assertThat(sizes.initialCapacity(key)).isEqualTo(FrameSizes.MAX_HINT);
        sizes.record(key, 100);
        assertThat(sizes.initialCapacity(key))
                .as("a small frame again shrinks the hint")
                .isEqualTo(256);
        assertThat(sizes.initialCapacity(null)).isEqualTo(FrameSizes.MIN_CAPACITY);
    }

    private int encodeAndRelease(OutboundFrame frame) {
        ByteBuf out = encoder.encode(allocator, frame);
        try {
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
