package io.courier.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepeatedBlockTest {

    private final RepeatedBlock<String> last = new RepeatedBlock<>();
    private final Object context = new Object();

    @Test
    void bytesThatRepeatTheRememberedSection_giveItsValue_andAreSkipped() {
        remember("courier.deadline-ms=5000", "decoded");
        ByteBuf next = direct("courier.deadline-ms=5000|rest");
        try {
            assertThat(last.match(next, context)).isEqualTo("decoded");
            assertThat(next.readerIndex()).isEqualTo(24);
        } finally {
            next.release();
        }
    }

    @Test
    void anyByteDifferent_aShorterBuffer_orAnotherContext_isNoMatch_andLeavesTheBufferAlone() {
        remember("courier.deadline-ms=5000", "decoded");
        for (String other :
                new String[] {"courier.deadline-ms=5001", "Courier.deadline-ms=5000", "courier.deadline-m"}) {
            ByteBuf next = direct(other);
            try {
                assertThat(last.match(next, context)).as(other).isNull();
                assertThat(next.readerIndex()).isZero();
            } finally {
                next.release();
            }
        }
        ByteBuf same = direct("courier.deadline-ms=5000");
        try {
            assertThat(last.match(same, new Object())).isNull();
            assertThat(same.readerIndex()).isZero();
        } finally {
            same.release();
        }
    }

    @Test
    void nothingRemembered_orASectionOverTheLimit_neverMatches() {
        ByteBuf empty = direct("x");
        try {
            assertThat(last.match(empty, context)).isNull();
        } finally {
            empty.release();
        }
        String tooLong = "t".repeat(RepeatedBlock.MAX_BYTES + 1);
        remember(tooLong, "long");
        ByteBuf next = direct(tooLong);
        try {
            assertThat(last.match(next, context)).isNull();
        } finally {
            next.release();
        }
    }

    private void remember(String section, String value) {
        ByteBuf in = direct(section);
        try {
            in.skipBytes(in.readableBytes());
            last.remember(in, 0, context, value);
        } finally {
            in.release();
        }
    }

    private static ByteBuf direct(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }
}
