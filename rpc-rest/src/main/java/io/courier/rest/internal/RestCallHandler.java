package io.courier.rest.internal;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.CallCallback;
import io.courier.transport.PortConnection;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP/1.1 connection's REST calls in order, one at a time (a pipelined request waits for
 * the one before it, at most {@link #MAX_PIPELINED}): a request {@link RestRequests} refuses is answered
 * at once, one it accepts runs on Courier's provider path ({@link PortConnection#submit}), which refuses
 * it when the executor is full or the server is draining. A request the HTTP decoder could not read is
 * answered and the connection closed. On the server's graceful close the connection answers what it
 * runs with {@code Connection: close} and closes.
 */
public final class RestCallHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RestCallHandler.class);

    /** The requests a client may send ahead of its answers before the connection is closed. */
    static final int MAX_PIPELINED = 16;

    private final PortConnection connection;
    private final RestRouter router;
    private final RestRequests requests;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean goingAway;
    /** A refusal closes the connection: what arrives after it is dropped. */
    private boolean closing;

    public RestCallHandler(PortConnection connection, RestRouter router) {
        this.connection = connection;
        this.router = router;
        this.requests = new RestRequests(router);
    }

    /** Starts the graceful close: the connection closes once its call in flight has answered. On the event loop. */
    public void goAway() {
        goingAway = true;
        if (!busy) {
            connection.closeWhenSent();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (busy) {
            if (waiting.size() >= MAX_PIPELINED) {
                request.release();
                ctx.close();
                return;
            }
            waiting.add(request);
            return;
        }
        serve(ctx, request);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        RequestDeadline deadline = ctx.pipeline().get(RequestDeadline.class);
        if (deadline != null) {
            deadline.disarm();
        }
        boolean keepAlive =
                HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        RestRequests.Call call;
        try {
            if (!request.decoderResult().isSuccess()) {
                closing = true;
                FullHttpResponse refusal =
                        unreadable(ctx, request.decoderResult().cause());
                HttpUtil.setContentLength(refusal, refusal.content().readableBytes());
                refusal.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                Linger.close(ctx.writeAndFlush(refusal));
                drop();
                return;
            }
            if (RestOpenApi.asks(router, request)) {
                answer(
                        ctx,
                        RestResponses.document(
                                RestOpenApi.document(router.routes()).toString(), ctx.alloc()),
                        keepAlive);
                return;
            }
            call = requests.accept(connection, request);
        } catch (RestRequests.Refusal refusal) {
            answer(ctx, refusal.response(ctx.alloc()), keepAlive);
            return;
        } finally {
            request.release();
        }
        connection.submit(call.service(), call.method(), call::invocation, new CallCallback() {
            @Override
            public void onResult(RpcResult result) {
                ctx.executor().execute(() -> answer(ctx, RestResponses.of(result, ctx.alloc()), keepAlive));
            }

            @Override
            public void onFailure(RpcException failure) {
                ctx.executor().execute(() -> answer(ctx, RestResponses.failure(failure, ctx.alloc()), keepAlive));
            }
        });
    }

    private static FullHttpResponse unreadable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return RestResponses.problem(414, "the request line is too long", ctx.alloc());
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return RestResponses.problem(431, "the request's headers are too large", ctx.alloc());
        }
        if (cause instanceof TooLongFrameException) {
            return RestResponses.problem(413, "the request is too large", ctx.alloc());
        }
        return RestResponses.problem(400, "the request is not valid HTTP/1.1", ctx.alloc());
    }

    /** Writes the answer of the request being served, then serves the next one waiting. On the event loop. */
    private void answer(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        boolean open = keepAlive && !goingAway && ctx.channel().isActive();
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (!open) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (!ctx.channel().isActive()) {
            response.release();
            drop();
            return;
        }
        ctx.writeAndFlush(response);
        if (!open) {
            connection.closeWhenSent();
            drop();
            return;
        }
        busy = false;
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            serve(ctx, next);
        }
    }

    private void drop() {
        for (FullHttpRequest request; (request = waiting.poll()) != null; ) {
            request.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        drop();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("REST connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
