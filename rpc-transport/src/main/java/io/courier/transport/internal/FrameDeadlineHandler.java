package io.courier.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off a peer that takes longer than the deadline to deliver a frame it started: one that
 * trickles bytes, or sends part of a header and waits. Such peers would otherwise pin a connection
 * slot and a partial buffer each for as long as they like.
 *
 * <p>Sits before the frame decoder and counts the bytes that arrive; the handler after the decoder
 * reports each complete frame's size through {@link #frameCompleted(long)}. Whenever bytes remain
 * that belong to no complete frame, a frame is being assembled, and the clock runs from the moment
 * the previous frame completed (or the first byte arrived). The decoder hands frames on
 * synchronously, so both counts are current when a read has passed through. One instance per
 * connection; used on its event loop only.
 */
public final class FrameDeadlineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrameDeadlineHandler.class);

    private final long deadlineNanos;
    private long received;
    private long completed;
    /** When the frame being assembled began; 0 when no frame is in progress. */
    private long assemblingSince;

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;

    public FrameDeadlineHandler(long deadlineMillis) {
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            received += bytes.readableBytes();
        }
        ctx.fireChannelRead(msg);
        if (received > completed) {
            if (assemblingSince == 0) {
                assemblingSince = System.nanoTime();
                scheduleCheck(deadlineNanos);
            }
        } else {
            assemblingSince = 0;
        }
    }

    /** Called by the handler after the decoder for every frame, with its size on the wire. */
    public void frameCompleted(long wireBytes) {
        completed += wireBytes;
        // Bytes left after this frame begin the next one now.
        assemblingSince = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        ctx.fireChannelInactive();
    }

    private void scheduleCheck(long delayNanos) {
        if (check == null) {
            check = ctx.executor().schedule(this::checkDeadline, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkDeadline() {
        check = null;
        if (assemblingSince == 0 || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            // We stopped reading (back-pressure): the delay is ours, not the peer's.
            assemblingSince = System.nanoTime();
            scheduleCheck(deadlineNanos);
            return;
        }
        long elapsed = System.nanoTime() - assemblingSince;
        if (elapsed >= deadlineNanos) {
            log.debug(
                    "closing {}: frame incomplete after {} ms ({} bytes pending)",
                    ctx.channel(),
                    TimeUnit.NANOSECONDS.toMillis(elapsed),
                    received - completed);
            ctx.close();
        } else {
            scheduleCheck(deadlineNanos - elapsed);
        }
    }
}
