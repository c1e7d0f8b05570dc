package io.courier.grpc.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The message framing of a gRPC stream, and the hostile prefixes it refuses before buffering. */
class MessageDeframerTest {

    private final List<byte[]> messages = new ArrayList<>();
    private MessageDeframer deframer;

    @AfterEach
    void release() {
        deframer.release();
    }

    @Test
    void messagesSplitAcrossFrames_andSeveralInOneFrame_comeOutWhole() throws Exception {
        deframer = new MessageDeframer(ByteBufAllocator.DEFAULT, 1024, false);
        ByteBuf wire = Unpooled.buffer();
        wire.writeByte(0).writeInt(3).writeBytes(new byte[] {1, 2, 3});
        wire.writeByte(0).writeInt(0);
        wire.writeByte(0).writeInt(2).writeBytes(new byte[] {9, 8});
        feed(wire.readRetainedSlice(4));
        assertThat(messages).isEmpty();
        feed(wire.readRetainedSlice(wire.readableBytes() - 1));
        assertThat(messages).hasSize(2);
        assertThat(deframer.partial()).isTrue();
        feed(wire.readRetainedSlice(1));
        assertThat(messages).extracting(m -> m.length).containsExactly(3, 0, 2);
        assertThat(deframer.partial()).isFalse();
        wire.release();
    }

    @Test
    void aLengthPrefixOf2GiB_isRefusedFromThePrefix_beforeAnythingIsBuffered() {
        deframer = new MessageDeframer(ByteBufAllocator.DEFAULT, 4 * 1024 * 1024, false);
        ByteBuf prefix = Unpooled.buffer().writeByte(0).writeInt(0x8000_0000);
        assertThatThrownBy(() -> feed(prefix)).isInstanceOfSatisfying(MessageDeframer.StatusException.class, e -> {
            assertThat(e.status).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
            assertThat(e.getMessage()).contains("2147483648 bytes");
        });
        assertThat(messages).isEmpty();
    }

    @Test
    void aCompressedMessage_withoutGrpcEncoding_isInternal() {
        deframer = new MessageDeframer(ByteBufAllocator.DEFAULT, 1024, false);
        ByteBuf wire = Unpooled.buffer().writeByte(1).writeInt(1).writeByte(0);
        assertThatThrownBy(() -> feed(wire))
                .isInstanceOfSatisfying(MessageDeframer.StatusException.class, e -> assertThat(e.status)
                        .isEqualTo(GrpcStatus.INTERNAL));
    }

    @Test
    void gzipMessages_areInflated_andABombPastTheLimitIsRefused() throws Exception {
        deframer = new MessageDeframer(ByteBufAllocator.DEFAULT, 64 * 1024, true);
        feed(compressedMessage(new byte[1000]));
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).hasSize(1000);
        // 10 MiB of zeros compresses to about 10 KiB: under the limit on the wire, far past it inflated
        ByteBuf bomb = compressedMessage(new byte[10 * 1024 * 1024]);
        assertThat(bomb.readableBytes()).isLessThan(64 * 1024);
        assertThatThrownBy(() -> feed(bomb))
                .isInstanceOfSatisfying(MessageDeframer.StatusException.class, e -> assertThat(e.status)
                        .isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED));
    }

    private void feed(ByteBuf data) throws MessageDeframer.StatusException {
        try {
            deframer.add(data, messages::add);
        } finally {
            data.release();
        }
    }

    private static ByteBuf compressedMessage(byte[] plain) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(plain);
        }
        byte[] bytes = compressed.toByteArray();
        return Unpooled.buffer().writeByte(1).writeInt(bytes.length).writeBytes(bytes);
    }
}
