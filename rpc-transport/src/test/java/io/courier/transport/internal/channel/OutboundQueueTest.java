package io.courier.transport.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    private int flushes;
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes++;
            ctx.flush();
        }
    });
    private final OutboundQueue queue = new OutboundQueue(channel);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void writesQueuedFromAnyThread_shareOneFlush() {
        List<Item> items = List.of(new Item(false), new Item(false), new Item(false));
        items.forEach(queue::enqueue);

        channel.runPendingTasks();

        assertThat(flushes).isEqualTo(1);
        assertThat(items).allMatch(item -> item.written && item.dropped == null);
        for (int i = 0; i < 3; i++) {
            ByteBuf written = channel.readOutbound();
            written.release();
        }
    }

    @Test
    void afterGoingAway_requestsAreDroppedButOtherFramesStillGo() {
        Item request = new Item(true);
        Item ping = new Item(false);
        queue.enqueue(request);
        queue.refuseRequests();
        queue.enqueue(ping);

        channel.runPendingTasks();

        assertThat(request.dropped).isEqualTo(ErrorCode.GOING_AWAY);
        assertThat(request.buffer.refCnt()).isZero();
        assertThat(ping.written).isTrue();
        ((ByteBuf) channel.readOutbound()).release();
        Object nothingElse = channel.readOutbound();
        assertThat(nothingElse).isNull();
    }

    @Test
    void abandonedItems_areDroppedUnwritten() {
        Item item = new Item(false);
        item.abandoned = true;
        queue.enqueue(item);

        channel.runPendingTasks();

        assertThat(item.dropped).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(flushes).isZero();
    }

    @Test
    void closedChannel_dropsWhatIsQueuedAsNetwork() {
        Item item = new Item(false);
        channel.close();
        queue.enqueue(item);
        channel.runPendingTasks();

        assertThat(item.dropped).isEqualTo(ErrorCode.NETWORK);
        assertThat(item.buffer.refCnt()).isZero();
    }

    @Test
    void closeWhenFlushed_closesAfterTheLastWrite() {
        Item item = new Item(false);
        queue.enqueue(item);
        queue.closeWhenFlushed();

        channel.runPendingTasks();

        assertThat(item.written).isTrue();
        List<Object> written = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            written.add(message);
        }
        assertThat(written).first().isSameAs(item.buffer);
        written.forEach(m -> ((ByteBuf) m).release());
        assertThat(channel.isOpen()).isFalse();
    }

    private static final class Item implements Outbound {
        final ByteBuf buffer = Unpooled.buffer(4).writeInt(1);
        final boolean request;
        boolean abandoned;
        boolean written;
        ErrorCode dropped;

        Item(boolean request) {
            this.request = request;
        }

        @Override
        public boolean abandoned() {
            return abandoned;
        }

        @Override
        public boolean request() {
            return request;
        }

        @Override
        public Object message() {
            return buffer;
        }

        @Override
        public void onWritten() {
            written = true;
        }

        @Override
        public void onDropped(ErrorCode reason) {
            dropped = reason;
            buffer.release();
        }
    }
}
