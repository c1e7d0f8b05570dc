package io.courier.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class BufferSinkSourceTest {

    @Test
    void sinkCountsOnlyWhatItWroteAfterTheFrameHeader() {
        ByteBuf frame = Unpooled.buffer();
        try {
            frame.writeInt(0xCAFE); // a header already in the buffer
            BufferOutputStream sink = new BufferOutputStream(frame);
            sink.writeByte(1);
            sink.write(new byte[] {2, 3}, 0, 2);

            assertThat(sink.written()).isEqualTo(3);
            assertThat(frame.readableBytes()).isEqualTo(7);
            assertThat(sink.asOutputStream()).isSameAs(sink);
        } finally {
            frame.release();
        }
    }

    @Test
    void sourceTellsItsBodyOffsetAndWhenAReadRanPastTheEnd() {
        ByteBuf body = Unpooled.wrappedBuffer(new byte[] {4, 5});
        try {
            BufferInputStream source = new BufferInputStream(body);
            assertThat(source.read()).isEqualTo(4);
            assertThat(source.position()).isEqualTo(1);
            assertThat(source.read()).isEqualTo(5);
            assertThat(source.ranPastEnd()).isFalse();

            assertThat(source.read()).isEqualTo(-1);
            assertThat(source.ranPastEnd()).isTrue();
            assertThat(body.refCnt()).isEqualTo(1);
        } finally {
            body.release();
        }
    }
}
