package io.courier.transport.internal.server;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.frame.CancelRequest;
import io.courier.protocol.frame.GoingAway;
import io.courier.protocol.frame.Heartbeat;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.RequestHead;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.courier.transport.TransportKeys;
import io.courier.transport.internal.executor.CallPlacement;
import io.courier.transport.internal.executor.ServerContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of a connection's pipeline, after the frame decoder. On the IO thread it reads
 * the head of a request (service, serializer, method: {@link RequestHead}, read once), chooses
 * where the call runs from it (the service's executor, or this IO thread for {@code direct}
 * services and for methods the adaptive pool has seen to be fast), and hands the rest of the body
 * to a {@link RequestTask} there; a request the executor cannot take is answered at once with
 * {@link ErrorCode#SERVER_BUSY}, "not executed", as is a request on a connection that already holds
 * its high water mark of unread answers. A cancel event drops a two-way request still waiting for
 * its executor. It also answers pings and stops reading while the peer does not read (the outbound
 * water marks).
 */
public final class ServerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ServerHandler.class);

    // Refusals come in floods when a server is overloaded or closing; their exceptions only carry
    // a code and a message to the encoder, so one instance each will do.
    private static final RpcException BUSY = new RpcException(
            ErrorCode.SERVER_BUSY,
            "server executor is full (expected: fewer concurrent calls; raise " + TransportKeys.SERVER_THREADS.name()
                    + " or " + TransportKeys.SERVER_QUEUE_CAPACITY.name() + " on the provider, or add providers)",
            null);
    private static final RpcException UNREAD =
            new RpcException(ErrorCode.SERVER_BUSY, "connection holds its high water mark of unread answers", null);
    private static final RpcException SHUTTING_DOWN =
            new RpcException(ErrorCode.GOING_AWAY, "server is shutting down", null);

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
        } else if (msg instanceof CancelRequest cancel) {
            if (connection.cancel(cancel.cancelledId())) {
                server.cancelledBeforeRun().increment();
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
            RequestHead<ServiceExport> head = admitted(request);
            if (head == null) {
                return;
            }
            ServiceExport service = head.service();
            ExecutorKind kind = service.executor() != null ? service.executor() : server.defaultExecutor();
            executor = server.executors().executor(kind);
            CallPlacement placement = kind == ExecutorKind.POOL && server.placements() != null
                    ? server.placements().of(service, head.method())
                    : null;
            if (placement != null && placement.inline()) {
                executor = null;
            }
            task = new RequestTask(head, connection, server, placement, executor != null && !request.oneway());
        } catch (RuntimeException e) {
            request.release();
            throw e;
        }
        connection.accepted();
        if (executor == null) {
            task.run();
            return;
        }
        dispatch(request, task, executor);
    }

    /** Hands {@code task} to {@code executor}; a full executor refuses the request "not executed". */
    private void dispatch(InboundRequest request, RequestTask task, Executor executor) {
        boolean cancellable = !request.oneway();
        if (cancellable) {
            // Before the executor may start it: a task that starts finds itself here and takes itself out.
            connection.waiting(request.requestId(), task);
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            if (cancellable && !connection.starting(request.requestId(), task)) {
                // Cancelled meanwhile (the cancel arrives on this thread, so only by a broken
                // executor that ran the task before refusing it): already ended and released.
                return;
            }
            connection.refused();
            refuse(request, BUSY);
        }
    }

    /**
     * The request's head if the connection may take it and it names a plain method; {@code null}
     * after refusing it.
     */
    private RequestHead<ServiceExport> admitted(InboundRequest request) {
        if (connection.draining()) {
            refuse(request, SHUTTING_DOWN);
            return null;
        }
        if (connection.saturated()) {
            // The peer is not reading its answers: running more calls for it would only pile
            // their answers up here. Refused "not executed", so it may go elsewhere.
            refuse(request, UNREAD);
            return null;
        }
        RequestHead<ServiceExport> head = readHead(request);
        if (head == null) {
            return null;
        }
        if (head.method().stream()) {
            // A stream is opened with a stream frame; as a plain call it would run and then fail
            // to encode its publisher (SERIALIZATION, after the work was done).
            refuse(
                    request,
                    new RpcException(
                            ErrorCode.BAD_REQUEST,
                            true,
                            "method " + head.method().descriptor()
                                    + " is a stream (expected: opened with a stream frame, not called)",
                            null));
            return null;
        }
        return head;
    }

    /**
     * The service, serializer and method the request names, read once here so that the call's
     * executor is known; {@code null} after refusing the request.
     */
    private RequestHead<ServiceExport> readHead(InboundRequest request) {
        try {
            return server.bodyDecoder().readHead(request, server.services());
        } catch (RpcException e) {
            refuse(request, e);
        } catch (RuntimeException e) {
            log.debug("request {} could not be decoded", request.requestId(), e);
            refuse(request, new RpcException(ErrorCode.BAD_REQUEST, "request could not be decoded"));
        }
        return null;
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
