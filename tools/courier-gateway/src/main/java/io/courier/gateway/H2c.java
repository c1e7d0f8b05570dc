package io.courier.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * HTTP/2 over cleartext: by prior knowledge (the client starts with the connection preface) or by
 * an HTTP/1.1 {@code Upgrade: h2c}; anything else stays HTTP/1.1. A unary JSON call of a method the
 * gateway has at hand is served by the connection itself ({@link UnaryStreams}: no channel per
 * stream); every other stream (documents, streams, gRPC-Web, Connect, a method still to be looked
 * up) becomes a child channel whose pipeline converts frames to HTTP objects and then runs the same
 * handlers as an HTTP/1.1 connection. The HTTP/1.1 limits carry over: the header block is limited
 * by {@code SETTINGS_MAX_HEADER_LIST_SIZE}, the body of each stream by the body limit, an upgrade
 * request's body by the body limit too.
 */
final class H2c {

    /** Streams one connection may have open at once. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private H2c() {}

    /**
     * @param http1 the HTTP/1.1 codec, with its line and header limits
     * @param exchange adds the per-request handlers to a pipeline
     * @param handler serves the unary calls a connection takes without a stream channel
     */
    static ChannelHandler cleartext(
            HttpServerCodec http1, GatewayOptions options, Consumer<ChannelPipeline> exchange, GatewayHandler handler) {
        HttpServerUpgradeHandler.UpgradeCodecFactory upgrades =
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(
                                frameCodec(options),
                                new UnaryStreams(handler, options.maxBodyBytes()),
                                multiplex(exchange),
                                new ProtocolErrors())
                        : null;
        return new CleartextHttp2ServerUpgradeHandler(
                http1,
                new HttpServerUpgradeHandler(http1, upgrades, options.maxBodyBytes()),
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(
                                        frameCodec(options),
                                        new UnaryStreams(handler, options.maxBodyBytes()),
                                        multiplex(exchange),
                                        new ProtocolErrors());
                    }
                });
    }

    private static Http2FrameCodec frameCodec(GatewayOptions options) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxHeaderListSize(options.maxHeaderBytes())
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .build();
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
     * Serves, on the connection itself, each stream whose request is a unary JSON call of a method
     * the gateway has at hand ({@link GatewayHandler#unaryAtHand}): its frames are gathered here, the
     * complete request goes to the same {@link GatewayHandler} logic as an HTTP/1.1 request, and the
     * answer is written as one HEADERS and one DATA frame with a single flush. Every other stream
     * passes on to the {@link Http2MultiplexHandler} behind, which makes it a child channel: a new
     * stream's events are held until its HEADERS frame says which of the two it is.
     *
     * <p>The stream limits stay: a body past the limit is answered 413 and the stream reset with
     * {@code NO_ERROR}, a stream reset before its call started runs nothing, a stream reset while
     * its call runs cancels the call. One per connection; used on its event loop only.
     */
    static final class UnaryStreams extends ChannelInboundHandlerAdapter {
        /** A stream that passes on to the child channels. */
        private static final Object CHILD = new Object();

        private final GatewayHandler handler;
        private final int maxBodyBytes;
        /** Open streams: a list of held events (not yet classified), {@link #CHILD}, or a {@link UnaryStream}. */
        private final IntObjectHashMap<Object> streams = new IntObjectHashMap<>();

        UnaryStreams(GatewayHandler handler, int maxBodyBytes) {
            this.handler = handler;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (!(evt instanceof Http2FrameStreamEvent event)) {
                ctx.fireUserEventTriggered(evt);
                return;
            }
            int id = event.stream().id();
            boolean closed = event.stream().state() == Http2Stream.State.CLOSED;
            Object stream = streams.get(id);
            if (stream == null) {
                if (!closed) {
                    List<Object> held = new ArrayList<>(2);
                    held.add(evt);
                    streams.put(id, held);
                } else {
                    ctx.fireUserEventTriggered(evt);
                }
            } else if (stream == CHILD) {
                if (closed) {
                    streams.remove(id);
                }
                ctx.fireUserEventTriggered(evt);
            } else if (stream instanceof UnaryStream unary) {
                if (closed) {
                    streams.remove(id);
                    unary.closed();
                }
            } else if (closed) {
                streams.remove(id); // ended before its HEADERS arrived: no child channel ever knew it
            } else {
                held(stream).add(evt);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2StreamFrame frame) || frame.stream() == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            int id = frame.stream().id();
            Object stream = streams.get(id);
            if (stream instanceof UnaryStream unary) {
                unary.read(frame);
            } else if (stream instanceof List<?>) {
                if (frame instanceof Http2HeadersFrame headers && unary(headers.headers())) {
                    UnaryStream unary = new UnaryStream(ctx, frame.stream(), handler, maxBodyBytes);
                    streams.put(id, unary);
                    unary.read(frame);
                    return;
                }
                streams.put(id, CHILD);
                for (Object event : held(stream)) {
                    ctx.fireUserEventTriggered(event);
                }
                ctx.fireChannelRead(msg);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        private boolean unary(Http2Headers headers) {
            if (!HttpMethod.POST.asciiName().contentEquals(headers.method()) || headers.path() == null) {
                return false;
            }
            long length = headers.getLong(HttpHeaderNames.CONTENT_LENGTH, 0L);
            // a declared body over the limit keeps the child channel's answer to it
            return length <= maxBodyBytes
                    && handler.unaryAtHand(
                            headers.path(),
                            headers.get(HttpHeaderNames.CONTENT_TYPE),
                            headers.contains("connect-protocol-version"));
        }

        @SuppressWarnings("unchecked")
        private static List<Object> held(Object stream) {
            return (List<Object>) stream;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            streams.values().forEach(stream -> {
                if (stream instanceof UnaryStream unary) {
                    unary.closed();
                }
            });
            streams.clear();
            ctx.fireChannelInactive();
        }
    }

    /**
     * One stream served by {@link UnaryStreams}: gathers the request, hands it to the gateway once
     * complete, writes the answer. Used on the connection's event loop only.
     */
    static final class UnaryStream {
        private final ChannelHandlerContext ctx;
        private final Http2FrameStream stream;
        private final GatewayHandler handler;
        private final int maxBodyBytes;
        private Http2Headers headers;
        private ByteBuf body;
        private boolean refused;
        private boolean open = true;
        private Runnable onGone;

        UnaryStream(ChannelHandlerContext ctx, Http2FrameStream stream, GatewayHandler handler, int maxBodyBytes) {
            this.ctx = ctx;
            this.stream = stream;
            this.handler = handler;
            this.maxBodyBytes = maxBodyBytes;
        }

        /** The connection's context: its executor, its channel (the peer, the deadline). */
        ChannelHandlerContext ctx() {
            return ctx;
        }

        /** Whether the stream is still open: not reset, the connection not closed. */
        boolean open() {
            return open;
        }

        /** Runs {@code gone} once the stream closes (reset, connection closed, or answered); {@code null} forgets it. */
        void onGone(Runnable gone) {
            this.onGone = gone;
        }

        void read(Http2StreamFrame frame) {
            if (frame instanceof Http2HeadersFrame head) {
                if (headers == null) {
                    headers = head.headers();
                }
                if (head.isEndStream()) {
                    complete();
                }
            } else if (frame instanceof Http2DataFrame data) {
                try {
                    int credit = data.initialFlowControlledBytes();
                    if (credit > 0) {
                        // read at once, as a child channel does: the flow-control window goes back
                        ctx.write(new DefaultHttp2WindowUpdateFrame(credit).stream(stream));
                    }
                    gather(data.content());
                } finally {
                    data.release();
                }
                if (data.isEndStream()) {
                    complete();
                }
            } else {
                ReferenceCountUtil.release(frame); // a reset ends the stream with the event that follows
            }
        }

        private void gather(ByteBuf content) {
            if (refused || !content.isReadable()) {
                return;
            }
            int size = body == null ? 0 : body.readableBytes();
            if ((long) size + content.readableBytes() > maxBodyBytes) {
                refused = true;
                release();
                handler.counted(413);
                // RFC 9113 section 8.1: the whole answer, then RST_STREAM(NO_ERROR) once its DATA left
                write(Responses.problem(Problems.of(
                                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                                "the body is over the gateway's limit of " + maxBodyBytes + " bytes")))
                        .addListener(written -> {
                            if (open) {
                                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR).stream(stream));
                            }
                        });
                return;
            }
            if (body == null) {
                body = content.retainedSlice();
            } else {
                CompositeByteBuf whole = body instanceof CompositeByteBuf composite
                        ? composite
                        : ctx.alloc().compositeBuffer().addComponent(true, body);
                body = whole.addComponent(true, content.retainedSlice());
            }
        }

        private void complete() {
            if (refused) {
                return;
            }
            ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body;
            body = null;
            FullHttpRequest request;
            try {
                request = HttpConversionUtil.toFullHttpRequest(stream.id(), headers, content, true);
            } catch (Http2Exception | RuntimeException e) {
                content.release();
                handler.counted(400);
                write(Responses.problem(Problems.of(HttpResponseStatus.BAD_REQUEST, "the request is malformed")));
                return;
            }
            try {
                handler.serve(this, request);
            } finally {
                request.release();
            }
        }

        /**
         * Writes {@code response} as HEADERS and DATA (END_STREAM) with one flush; dropped if the stream
         * has closed. From any thread.
         */
        ChannelFuture write(FullHttpResponse response) {
            ChannelPromise done = ctx.newPromise();
            if (ctx.executor().inEventLoop()) {
                write(response, done);
            } else {
                ctx.executor().execute(() -> write(response, done));
            }
            return done;
        }

        private void write(FullHttpResponse response, ChannelPromise done) {
            if (!open) {
                response.release();
                done.setFailure(new ClosedChannelException());
                return;
            }
            ByteBuf content = response.content();
            Http2Headers head = HttpConversionUtil.toHttp2Headers(response, true);
            if (!content.isReadable()) {
                response.release();
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(head, true).stream(stream), done);
                return;
            }
            ctx.write(new DefaultHttp2HeadersFrame(head, false).stream(stream), ctx.voidPromise());
            ctx.writeAndFlush(new DefaultHttp2DataFrame(content, true).stream(stream), done);
        }

        void closed() {
            open = false;
            release();
            Runnable gone = onGone;
            onGone = null;
            if (gone != null) {
                gone.run();
            }
        }

        private void release() {
            if (body != null) {
                body.release();
                body = null;
            }
        }
    }

    /**
     * The end of an HTTP/2 connection's pipeline: a protocol error of a peer (a flood, a malformed
     * frame) has already been answered by the codec with RST_STREAM or GOAWAY; here it is one line at
     * DEBUG naming the peer, instead of a WARN stack trace from the pipeline's tail.
     */
    private static final class ProtocolErrors extends ChannelInboundHandlerAdapter {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(H2c.class);

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
    }
}
