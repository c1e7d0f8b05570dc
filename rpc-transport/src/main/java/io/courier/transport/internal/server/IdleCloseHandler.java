package io.courier.transport.internal.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that received nothing for the idle limit (reported by an
 * {@code IdleStateHandler} before it): a live peer sends heartbeats well within it.
 */
@ChannelHandler.Sharable
public final class IdleCloseHandler extends ChannelInboundHandlerAdapter {

    public static final IdleCloseHandler INSTANCE = new IdleCloseHandler();

    private static final Logger log = LoggerFactory.getLogger(IdleCloseHandler.class);

    private IdleCloseHandler() {}

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            log.debug("closing idle connection {}", ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }
}
