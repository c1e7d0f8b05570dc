package io.courier.transport.internal.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent#WRITER_IDLE_STATE_EVENT} when nothing was flushed on the channel for
 * an interval, so that the client sends a heartbeat: the writer half of Netty's {@code
 * IdleStateHandler}, which the client's pipeline used before. That one turns every write's void
 * promise into a real one and adds a listener to it, to learn when the write completed: a promise,
 * a listener array and a notification per request, about 7 % of a consumer's allocation. Here a
 * flush stamps the time (writes complete at the flush that follows them), and one timer per
 * connection looks at the stamp, on the channel's event loop, as Netty's does.
 */
public final class HeartbeatTimer extends ChannelDuplexHandler {

    private final long intervalNanos;
    /** When the last flush passed here; read and written on the event loop only. */
    private long lastFlushNanos;

    private ScheduledFuture<?> check;

    /** @param intervalMillis how long the channel may be silent before a heartbeat, > 0 */
    HeartbeatTimer(long intervalMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        lastFlushNanos = System.nanoTime();
        ctx.flush();
    }

    private void start(ChannelHandlerContext ctx) {
        if (check != null) {
            return;
        }
        lastFlushNanos = System.nanoTime();
        schedule(ctx, intervalNanos);
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> run(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void run(ChannelHandlerContext ctx) {
        if (check == null || !ctx.channel().isOpen()) {
            return;
        }
        long left = intervalNanos - (System.nanoTime() - lastFlushNanos);
        if (left > 0) {
            schedule(ctx, left);
            return;
        }
        // As Netty's handler does: the next look is a whole interval on, whether or not the event
        // leads to a write.
        schedule(ctx, intervalNanos);
        ctx.fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
    }
}
