package io.courier.transport.internal.client;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.GoingAway;
import io.courier.protocol.frame.Heartbeat;
import io.courier.protocol.frame.InboundResponse;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client end of a connection's pipeline, after the frame decoder: matches responses to their
 * calls, answers and sends heartbeats, reacts to "going away", and closes a connection whose server
 * fell silent. Response bodies are decoded here, on the IO thread, so that the caller's future
 * completes without another thread hop.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

    private final ClientConnection connection;
    private final BodyDecoder decoder;

    ClientHandler(ClientConnection connection, BodyDecoder decoder) {
        this.connection = connection;
        this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundResponse response) {
            onResponse(response);
        } else if (msg instanceof Heartbeat heartbeat) {
            if (!heartbeat.response()) {
                connection.pong(heartbeat);
            }
        } else if (msg instanceof GoingAway) {
            log.debug("{} is going away", ctx.channel().remoteAddress());
            connection.goingAway();
        } else {
            // A request from a server: not part of this protocol's client role.
            log.debug("dropping unexpected {} from {}", msg, ctx.channel());
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(InboundResponse response) {
        try {
            PendingCall call = connection.inFlight().remove(response.requestId());
            if (call == null) {
                // Its call timed out (or the id is forged): nobody is waiting, drop the bytes.
                return;
            }
            RpcResult result;
            try {
                result = decoder.decodeResponse(
                        response,
                        call.invocation().method().resultType(),
                        call.options().serializer(),
                        call.options().policy());
            } catch (RpcException e) {
                call.fail(e);
                return;
            }
            call.complete(result);
        } finally {
            response.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                connection.ping();
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.debug("closing {}: nothing received within the idle limit", ctx.channel());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException protocol) {
            // The decoder already closed the connection if it had to; a response it refused (e.g.
            // over the size limit) still answers its own call with the reason.
            OptionalLong id = protocol.requestId();
            if (id.isPresent()) {
                PendingCall call = connection.inFlight().remove(id.getAsLong());
                if (call != null) {
                    call.fail(new RpcException(protocol.code(), protocol.notExecuted(), protocol.getMessage(), null));
                }
            }
            log.debug("protocol error on {}: {}", ctx.channel(), protocol.getMessage());
            return;
        }
        log.debug("closing {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
