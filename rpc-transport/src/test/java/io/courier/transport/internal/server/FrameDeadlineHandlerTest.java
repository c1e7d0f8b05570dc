package io.courier.transport.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.protocol.internal.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDeadlineHandlerTest {

    private static final long DEADLINE_MILLIS = 1_000;

    private final AtomicLong now = new AtomicLong(TimeUnit.SECONDS.toNanos(100));
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new FrameDeadlineHandler(DEADLINE_MILLIS, now::get), new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ReferenceCountUtil.release(msg);
                }
            });

    {
        channel.freezeTime();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void completeFrames_splitAnywhere_neverTripTheDeadline() {
        Random random = new Random(42);
        byte[] stream = frames(50, random);
        int offset = 0;
        while (offset < stream.length) {
            int chunk = Math.min(stream.length - offset, 1 + random.nextInt(40));
            channel.writeInbound(Unpooled.wrappedBuffer(stream, offset, chunk));
            offset += chunk;
            // Up to 300 body bytes in chunks of 1 to 40: a frame takes well under the deadline.
            pass(20);
        }
        pass(DEADLINE_MILLIS * 3);

        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void halfAHeader_isCutOffAtTheDeadline() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(0), 0, Header.LENGTH - 1));

        pass(DEADLINE_MILLIS - 1);
        assertThat(channel.isActive()).isTrue();
        pass(1);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void bodyThatStopsArriving_isCutOffAtTheDeadline() {
        byte[] frame = frame(100);
        channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, Header.LENGTH + 60));

        pass(DEADLINE_MILLIS);

        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void trickler_isCutOffEvenThoughBytesKeepComing() {
        byte[] frame = frame(0);
        for (int i = 0; i < 5; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(frame, i, 1));
            pass(200);
        }

        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void eachFrameGetsItsOwnDeadline() {
        byte[] first = frame(10);
        byte[] second = frame(10);
        channel.writeInbound(Unpooled.wrappedBuffer(first, 0, 5));
        pass(800);
        ByteBuf rest = Unpooled.buffer().writeBytes(first, 5, first.length - 5).writeBytes(second, 0, 5);
        channel.writeInbound(rest);
        pass(800);
        assertThat(channel.isActive()).as("the second frame began 800 ms ago").isTrue();

        pass(200);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void framesThatArriveWhole_neverReadTheClock_andAFrameLeftIncompleteReadsItOnce() {
        AtomicInteger reads = new AtomicInteger();
        EmbeddedChannel counted = new EmbeddedChannel(
                new FrameDeadlineHandler(DEADLINE_MILLIS, () -> {
                    reads.incrementAndGet();
                    return now.get();
                }),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                });
        try {
            counted.writeInbound(Unpooled.wrappedBuffer(frames(20, new Random(7))));
            assertThat(reads).hasValue(0);

            byte[] frame = frame(30);
            counted.writeInbound(Unpooled.wrappedBuffer(frame, 0, Header.LENGTH + 10));
            assertThat(reads).hasValue(1);
            counted.writeInbound(Unpooled.wrappedBuffer(frame, Header.LENGTH + 10, 20));
            assertThat(reads).as("the rest of a frame already timed").hasValue(1);
            assertThat(counted.isActive()).isTrue();
        } finally {
            counted.finishAndReleaseAll();
        }
    }

    private void pass(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private static byte[] frames(int count, Random random) {
        ByteBuf all = Unpooled.buffer();
        for (int i = 0; i < count; i++) {
            all.writeBytes(frame(random.nextInt(3) == 0 ? 0 : random.nextInt(300)));
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }

    /** A frame whose header says {@code bodyLength}; the deadline handler reads nothing else. */
    private static byte[] frame(int bodyLength) {
        ByteBuf out = Unpooled.buffer();
        int start = Header.start(out, 0, 0, 0, 7);
        out.writeZero(bodyLength);
        Header.finish(out, start);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }
}
