package io.courier.dubbo.internal;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Courier consumer's connection to a Dubbo provider reads: answers to its calls (handed to the
 * call's future, read on the I/O thread), the provider's heartbeats (answered), its read-only event
 * (the endpoint takes no new call); and, when the connection is idle, a heartbeat of its own, or the
 * close when the provider has been silent for three heartbeats. Shared by every connection.
 */
@ChannelHandler.Sharable
final class DubboClientHandler extends SimpleChannelInboundHandler<DubboFrame> {

    private static final Logger log = LoggerFactory.getLogger(DubboClientHandler.class);

    private final Serializer hessian;
    private final AtomicLong ids;

    DubboClientHandler(Serializer hessian, AtomicLong ids) {
        this.hessian = hessian;
        this.ids = ids;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DubboFrame frame) {
        DubboEndpoint endpoint = ctx.channel().attr(DubboEndpoint.OWNER).get();
        if (endpoint == null) {
            return;
        }
        if (frame.request()) {
            if (!frame.event()) {
                log.debug("Dubbo provider {} sent a call; Courier's consumer serves none", endpoint.endpoint());
                return;
            }
            String data = DubboAnswers.message(frame.body());
            if (DubboFrames.READ_ONLY_EVENT.equals(data)) {
                log.info("Dubbo provider {} is closing; no new call goes to it", endpoint.endpoint());
                endpoint.readOnly();
            }
            if (frame.twoWay()) {
                ctx.writeAndFlush(DubboResponses.heartbeat(ctx.alloc(), frame.id()));
            }
            return;
        }
        if (frame.event()) {
            return; // the answer to a heartbeat
        }
        DubboEndpoint.Pending call = endpoint.take(frame.id());
        if (call == null) {
            return; // timed out meanwhile, or the connection's calls were failed
        }
        RpcResult result;
        try {
            result = DubboAnswers.read(frame, call.method(), call.policy(), hessian);
        } catch (RpcException e) {
            call.result().completeExceptionally(e);
            return;
        }
        call.result().complete(result);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                log.debug(
                        "Dubbo provider {} silent for three heartbeats; closing",
                        ctx.channel().remoteAddress());
                ctx.close();
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(DubboRequests.heartbeat(ctx.alloc(), ids.incrementAndGet()));
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug(
                "Connection to Dubbo provider {} failed; closing", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
