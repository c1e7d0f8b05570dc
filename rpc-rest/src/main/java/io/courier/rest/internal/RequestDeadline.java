package io.courier.rest.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request does not arrive whole within the deadline from its first byte: a
 * request cut short, or sent a byte at a time (slowloris), holds no connection longer than that. Armed
 * by the first bytes of a request (it stands before the HTTP decoder), disarmed by {@link
 * RestCallHandler} when the whole request has been read. On the event loop only.
 */
public final class RequestDeadline extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(RequestDeadline.class);

    private final long millis;
    private ScheduledFuture<?> pending;

    public RequestDeadline(long millis) {
        this.millis = millis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (pending == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
            pending = ctx.executor()
                    .schedule(
                            () -> {
                                log.debug(
                                        "REST request on {} not whole after {} ms: closed",
                                        ctx.channel().remoteAddress(),
                                        millis);
                                ctx.close();
                            },
                            millis,
                            TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelRead(msg);
    }

    /** The request has arrived whole: the next one's first bytes arm the deadline again. */
    void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }
}
