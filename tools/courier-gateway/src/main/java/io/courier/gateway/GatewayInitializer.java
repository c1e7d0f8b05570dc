package io.courier.gateway;

import io.courier.gateway.Problems.Problem;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
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
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The pipeline of one connection:
 *
 * <pre>
 * idle timer -&gt; request deadline -&gt; HTTP/1.1 codec (line and header limits) or HTTP/2 (h2c)
 *            -&gt; malformed-head check -&gt; body limit (aggregator) -&gt; gateway handler
 * </pre>
 *
 * On HTTP/2 (prior knowledge or an {@code Upgrade: h2c}) the last three run in each stream's
 * pipeline ({@link #cleartext}; a unary JSON call on the connection itself, {@link UnaryStreams}), so limits, errors and
 * routing are the same.
 *
 * A connection beyond {@link GatewayOptions#maxConnections()} is closed at once.
 */
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {

    /** Streams one HTTP/2 connection may have open at once. */
    static final int MAX_CONCURRENT_STREAMS = 100;

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
        pipeline.addLast("idle", new ConnectionIdle(TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMillis())));
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
        pipeline.addLast("h2c", cleartext(http1, options, this::exchangeHandlers, handler));
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

    /**
     * @param http1 the HTTP/1.1 codec, with its line and header limits
     * @param exchange adds the per-request handlers to a pipeline (a child channel's)
     */
    private static ChannelHandler cleartext(
            HttpServerCodec http1, GatewayOptions options, Consumer<ChannelPipeline> exchange, GatewayHandler handler) {
        HttpServerUpgradeHandler.UpgradeCodecFactory upgrades =
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? upgradeCodec(handlers(options, exchange, handler))
                        : null;
        return new CleartextHttp2ServerUpgradeHandler(
                http1,
                new HttpServerUpgradeHandler(http1, upgrades, options.maxBodyBytes()),
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(handlers(options, exchange, handler));
                    }
                });
    }

    /** An HTTP/2 connection's handlers: the codec, the unary streams (and the error log), the child channels. */
    private static ChannelHandler[] handlers(
            GatewayOptions options, Consumer<ChannelPipeline> exchange, GatewayHandler handler) {
        Http2FrameCodec codec = new CodecBuilder(options).build();
        return new ChannelHandler[] {
            codec, new UnaryStreams(codec, handler, options.maxBodyBytes()), multiplex(exchange)
        };
    }

    private static Http2ServerUpgradeCodec upgradeCodec(ChannelHandler[] handlers) {
        return new Http2ServerUpgradeCodec((Http2FrameCodec) handlers[0], handlers[1], handlers[2]);
    }

    /**
     * Builds the connection's HTTP/2 codec with Netty's limits against hostile peers (RST_STREAM,
     * CONTINUATION and control-frame floods, empty DATA), on a connection whose outbound DATA is shared
     * out by a {@link UniformStreamByteDistributor}: it keeps no priority tree, which the default
     * weighted-fair distributor updates on every stream's open and close.
     */
    private static final class CodecBuilder extends Http2FrameCodecBuilder {
        CodecBuilder(GatewayOptions options) {
            DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
            connection
                    .remote()
                    .flowController(new DefaultHttp2RemoteFlowController(
                            connection, new UniformStreamByteDistributor(connection)));
            connection(connection);
            initialSettings(Http2Settings.defaultSettings()
                    .maxHeaderListSize(options.maxHeaderBytes())
                    .maxConcurrentStreams(MAX_CONCURRENT_STREAMS));
            validateHeaders(true);
        }
    }

    private static ChannelHandler multiplex(Consumer<ChannelPipeline> exchange) {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
                exchange.accept(stream.pipeline());
            }
        });
    }

    /**
     * Fires an {@link IdleStateEvent} of {@link IdleState#ALL_IDLE} each time the connection has read
     * nothing and flushed nothing for {@code idleNanos} (the handlers behind decide: {@link RequestDeadline}
     * closes a connection with no request under way). Netty's {@code IdleStateHandler} notes a write
     * when it completes, with a listener on every write (two or three per HTTP/2 answer); this notes
     * it when it is flushed, which needs none. One per channel; used on its event loop only.
     */
    static final class ConnectionIdle extends ChannelDuplexHandler {
        private final long idleNanos;
        private long lastActive;
        private boolean first = true;
        private ScheduledFuture<?> check;

        ConnectionIdle(long idleNanos) {
            this.idleNanos = idleNanos;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
                start(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            start(ctx);
            ctx.fireChannelActive();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            lastActive = System.nanoTime();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            lastActive = System.nanoTime();
            ctx.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            stop();
        }

        private void start(ChannelHandlerContext ctx) {
            if (check == null) {
                lastActive = System.nanoTime();
                schedule(ctx, idleNanos);
            }
        }

        private void schedule(ChannelHandlerContext ctx, long delayNanos) {
            check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
        }

        private void check(ChannelHandlerContext ctx) {
            if (!ctx.channel().isOpen()) {
                return;
            }
            long left = idleNanos - (System.nanoTime() - lastActive);
            if (left > 0) {
                schedule(ctx, left);
                return;
            }
            schedule(ctx, idleNanos);
            ctx.fireUserEventTriggered(
                    first ? IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT : IdleStateEvent.ALL_IDLE_STATE_EVENT);
            first = false;
        }

        private void stop() {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
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
