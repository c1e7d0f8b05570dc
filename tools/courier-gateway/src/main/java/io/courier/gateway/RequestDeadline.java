package io.courier.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Against slow clients (slowloris): a request must arrive whole within {@code timeoutMillis} of its
 * first byte, else the gateway answers 408 and closes the connection; and a connection with no
 * request in progress is closed after its idle time. Sits before the HTTP codec, so it sees bytes;
 * the handler {@link #disarm() disarms} it when a complete request has arrived. One per channel;
 * used on its event loop only.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private final long timeoutMillis;
    private final Runnable onTimeout;
    private ScheduledFuture<?> deadline;
    private boolean inRequest;

    /** @param onTimeout runs on the event loop when a request is late; answers and closes */
    RequestDeadline(long timeoutMillis, Runnable onTimeout) {
        this.timeoutMillis = timeoutMillis;
        this.onTimeout = onTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!inRequest && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            inRequest = true;
            deadline = ctx.executor().schedule(onTimeout, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request has arrived whole: the next byte starts the next request's clock. */
    void disarm() {
        inRequest = false;
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && !inRequest) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }
}
