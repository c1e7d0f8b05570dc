package io.courier.grpc.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GeneratedCodecTest {

    private static final MessageCodec CODEC = ServiceSchema.generated(BytesValue.class);

    private static final BytesValue MESSAGE = BytesValue.of(ByteString.copyFrom(new byte[3000]));

    @Test
    void writeIntoABuffer_leavesTheHeadroom_thenTheMessagesOwnBytes_onHeapAndDirectBuffers() {
        for (ByteBufAllocator alloc : new ByteBufAllocator[] {
            new UnpooledByteBufAllocator(false), new UnpooledByteBufAllocator(true), PooledByteBufAllocator.DEFAULT
        }) {
            ByteBuf written = CODEC.write(MESSAGE, alloc, 5);
            try {
                byte[] bytes = ByteBufUtil.getBytes(written);
                assertThat(written.readerIndex()).isZero();
                assertThat(bytes).hasSize(5 + MESSAGE.getSerializedSize());
                assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(CODEC.write(MESSAGE));
            } finally {
                written.release();
            }
        }
    }

    @Test
    void writeIntoABuffer_ofAValueOfAnotherType_failsWithoutAllocating() {
        ByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        assertThatThrownBy(() -> CODEC.write("text", alloc, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value: java.lang.String (expected: a com.google.protobuf.BytesValue)");
    }
}
