package io.courier.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.frame.StreamFrames;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.Test;

/** The stream frames of the example in docs/protocol.md, section 12.1, byte for byte. */
class StreamWireBytesTest {

    private final StreamFrames frames = new StreamFrames(ProtocolOptions.defaults());

    private static String hex(ByteBuf frame) {
        try {
            return ByteBufUtil.hexDump(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void openWindowAndHalfClose_areTheDocumentedBytes() {
        assertThat(hex(frames.open(
                        ByteBufAllocator.DEFAULT,
                        3,
                        StreamProvider.call("count", 100_000L),
                        TestSerializer.INSTANCE,
                        128)))
                .isEqualTo("c73d080000000000000000030000003c" + "01" + "8001" + "22"
                        + ByteBufUtil.hexDump("io.courier.transport.StreamService".getBytes())
                        + "0b" + ByteBufUtil.hexDump("count(long)".getBytes()) + "00" + "0300000000000186a0");
        assertThat(hex(frames.window(ByteBufAllocator.DEFAULT, 3, 64)))
                .isEqualTo("c7200800000000000000000300000002" + "0640");
        assertThat(hex(frames.signal(ByteBufAllocator.DEFAULT, 3, StreamFrameKind.HALF_CLOSE)))
                .isEqualTo("c7200800000000000000000300000001" + "03");
    }
}
