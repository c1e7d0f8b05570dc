package io.courier.transport.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.GoingAway;
import io.courier.protocol.Heartbeat;
import io.courier.protocol.InboundRequest;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.ServiceResolver;
import io.courier.protocol.internal.Names;
import io.courier.protocol.internal.Wire;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of a connection's pipeline, after the frame decoder. On the IO thread it reads
 * only the service key of a request, to choose the service's executor, and hands the rest of the
 * body to that executor; a request the executor cannot take is answered at once with
 * {@link ErrorCode#SERVER_BUSY}, "not executed". It also answers pings and stops reading while the
 * peer does not read (the outbound water marks).
 */
final class ServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ServerHandler.class);

    // Refusals come in floods when a server is overloaded or closing; their exceptions only carry
    // a code and a message to the encoder, so one instance each will do.
    private static final RpcException BUSY = new RpcException(ErrorCode.SERVER_BUSY, "server executor is full", null);
    private static final RpcException SHUTTING_DOWN =
            new RpcException(ErrorCode.GOING_AWAY, "server is shutting down", null);

    /** Longest service key peeked on the IO thread; the body decoder applies the same limit. */
    private static final int MAX_SERVICE_KEY_BYTES = 1024;

    private final ServerConnection connection;
    private final ServerContext server;

    ServerHandler(ServerConnection connection, ServerContext server) {
        this.connection = connection;
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundRequest request) {
            onRequest(request);
        } else if (msg instanceof Heartbeat heartbeat) {
            if (!heartbeat.response()) {
                connection.send(heartbeat.pong());
                connection.pinged();
            }
        } else if (msg instanceof GoingAway) {
            log.debug("{} says it is going away", ctx.channel());
        } else {
            log.debug("dropping unexpected {} from {}", msg, ctx.channel());
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(InboundRequest request) {
        RequestTask task;
        Executor executor;
        try {
            if (connection.draining()) {
                refuse(request, SHUTTING_DOWN);
                return;
            }
            ServiceExport service = resolve(request);
            if (service == null) {
                return;
            }
            ExecutorKind kind = service.executor() != null ? service.executor() : server.defaultExecutor();
            executor = server.executors().executor(kind);
            task = new RequestTask(request, service, connection, server);
        } catch (RuntimeException e) {
            request.release();
            throw e;
        }
        connection.accepted();
        if (executor == null) {
            task.run();
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            connection.refused();
            refuse(request, BUSY);
        }
    }

    /** The service the request names, or {@code null} after refusing the request. */
    private ServiceExport resolve(InboundRequest request) {
        String key;
        try {
            key = Wire.readString(request.body().duplicate(), MAX_SERVICE_KEY_BYTES, "service key");
        } catch (RpcException e) {
            refuse(request, e);
            return null;
        }
        ServiceResolver<ServiceExport> services = server.services();
        ServiceExport service = services.find(key);
        if (service == null) {
            refuse(request, new RpcException(ErrorCode.BAD_REQUEST, "unknown service '" + Names.printable(key) + "'"));
        }
        return service;
    }

    /** Answers a request that will not run (oneway requests get no answer) and releases it. */
    private void refuse(InboundRequest request, RpcException error) {
        try {
            if (!request.oneway()) {
                connection.refuse(request.requestId(), error);
            }
        } finally {
            request.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A peer that does not read its answers may not send more requests meanwhile: stop reading
        // until the outbound buffer falls below the low water mark.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException protocol) {
            // The decoder already answered and, if the stream is broken, closed the connection.
            log.debug("protocol error from {}: {}", ctx.channel().remoteAddress(), protocol.getMessage());
            return;
        }
        log.debug("closing {} after an error", ctx.channel(), cause);
        ctx.close();
    }
}
