package io.courier.gateway;

import io.courier.gateway.Problems.Problem;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one connection:
 *
 * <pre>
 * idle timer -&gt; request deadline -&gt; HTTP/1.1 codec (line and header limits) or HTTP/2 (h2c)
 *            -&gt; malformed-head check -&gt; body limit (aggregator) -&gt; gateway handler
 * </pre>
 *
 * On HTTP/2 (prior knowledge or an {@code Upgrade: h2c}) the last three run in each stream's
 * pipeline ({@link H2c}), so limits, errors and routing are the same.
 *
 * A connection beyond {@link GatewayOptions#maxConnections()} is closed at once.
 */
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {

    private final GatewayOptions options;
    private final GatewayHandler handler;
    private final GatewayMetrics metrics;
    /** The open connections, for a gateway on the caller's loops to close them when it closes. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    GatewayInitializer(GatewayOptions options, GatewayHandler handler, GatewayMetrics metrics) {
        this.options = options;
        this.handler = handler;
        this.metrics = metrics;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        if (metrics.connections.incrementAndGet() > options.maxConnections()) {
            metrics.connections.decrementAndGet();
            metrics.refusedConnection();
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> metrics.connections.decrementAndGet());
        connections.add(channel);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new IdleStateHandler(0, 0, options.idleTimeoutMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast(
                "deadline",
                new RequestDeadline(
                        options.requestTimeoutMillis(),
                        () -> refuse(
                                channel.pipeline().lastContext(),
                                Problems.of(
                                        HttpResponseStatus.REQUEST_TIMEOUT,
                                        "the request did not arrive within " + options.requestTimeoutMillis()
                                                + " ms"))));
        HttpServerCodec http1 = new HttpServerCodec(options.maxInitialLineBytes(), options.maxHeaderBytes(), 8192);
        pipeline.addLast("h2c", H2c.cleartext(http1, options, this::exchangeHandlers, handler));
        exchangeHandlers(pipeline);
    }

    /** The connections open now; each leaves the group when it closes. */
    ChannelGroup connections() {
        return connections;
    }

    /**
     * The handlers that turn HTTP objects into calls, the same for an HTTP/1.1 connection and for
     * each HTTP/2 stream: malformed-head check, body limit, gateway handler.
     */
    void exchangeHandlers(ChannelPipeline pipeline) {
        pipeline.addLast("head", new HeadCheck(metrics));
        pipeline.addLast("body", new BodyLimit(options.maxBodyBytes(), () -> metrics.answered(413)));
        pipeline.addLast("gateway", handler);
    }

    private static void refuse(ChannelHandlerContext ctx, Problem problem) {
        ctx.channel().config().setAutoRead(false);
        if (ctx.pipeline().get(HttpServerCodec.class) == null
                && !(ctx.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel)) {
            // an HTTP/2 connection: no HTTP/1.1 answer is possible on it, only closing
            ctx.close();
            return;
        }
        ctx.channel().writeAndFlush(Responses.problem(problem)).addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers a request line or header block over the limits (414, 431) or not HTTP (400), and closes. */
    private static final class HeadCheck extends ChannelInboundHandlerAdapter {
        private final GatewayMetrics metrics;

        HeadCheck(GatewayMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && !request.decoderResult().isSuccess()) {
                Throwable cause = request.decoderResult().cause();
                ReferenceCountUtil.release(msg);
                HttpResponseStatus status = cause instanceof TooLongHttpLineException
                        ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                        : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException
                                ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                                : HttpResponseStatus.BAD_REQUEST;
                metrics.answered(status.code());
                refuse(ctx, Problems.of(status, "the request line or headers are malformed or over the limits"));
                return;
            }
            if (msg instanceof HttpObject object && !object.decoderResult().isSuccess()) {
                ReferenceCountUtil.release(msg);
                refuse(ctx, Problems.of(HttpResponseStatus.BAD_REQUEST, "the request is malformed"));
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
