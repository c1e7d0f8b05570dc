package io.courier.grpc.internal;

import io.courier.grpc.GrpcOptions;
import io.courier.transport.PortConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gRPC's server side of one HTTP/2 connection, as one handler: Netty's HTTP/2 codec (its decoder,
 * encoder and flow controllers, with their limits against hostile peers) and a {@link GrpcStream} per
 * stream kept as a property of the {@link Http2Stream}, with no channel or pipeline per stream. A
 * stream's first header block makes it a call ({@link GrpcStreamHandler}); what is written for calls
 * during one event-loop turn is flushed once. On the connection's event loop, but for {@link
 * #goingAway()}.
 */
public final class GrpcConnectionHandler extends Http2ConnectionHandler {

    private static final Logger log = LoggerFactory.getLogger(GrpcConnectionHandler.class);

    /** The flow-control window of each stream and of the connection, for what callers send: gRPC-java's. */
    static final int WINDOW_BYTES = 1024 * 1024;

    private final PortConnection port;
    private final GrpcOptions options;
    private final GrpcServices services;
    private final Set<HealthStreamHandler> watches = ConcurrentHashMap.newKeySet();
    private final Http2Connection.PropertyKey key;
    private final Runnable flushTask = this::flushNow;
    private ChannelHandlerContext ctx;
    private boolean reading;
    private boolean flushScheduled;

    private GrpcConnectionHandler(
            Http2ConnectionDecoder decoder,
            Http2ConnectionEncoder encoder,
            Http2Settings settings,
            PortConnection port,
            GrpcOptions options,
            GrpcServices services) {
        super(decoder, encoder, settings);
        this.port = port;
        this.options = options;
        this.services = services;
        this.key = connection().newKey();
        decoder.frameListener(new Frames());
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                GrpcStream state = stream.getProperty(key);
                if (state != null) {
                    state.onClosed();
                }
            }
        });
        encoder.flowController().listener(stream -> {
            GrpcStream state = stream.getProperty(key);
            if (state != null && !state.closed() && state.isWritable()) {
                try {
                    state.listener().writable();
                } catch (RuntimeException e) {
                    streamFailed(state, e);
                }
            }
        });
    }

    /** The handler of one connection {@code port} serves with gRPC. */
    public static GrpcConnectionHandler create(PortConnection port, GrpcOptions options, GrpcServices services) {
        return new Builder(port, options, services).build();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
        // SETTINGS sizes each stream's window; the connection's grows by a WINDOW_UPDATE of its own
        Http2Stream connectionStream = connection().connectionStream();
        int delta = WINDOW_BYTES - connection().local().flowController().initialWindowSize(connectionStream);
        if (delta > 0) {
            connection().local().flowController().incrementWindowSize(connectionStream, delta);
            flush(ctx);
        }
    }

    /**
     * The server started its graceful close: health watches say {@code NOT_SERVING} and end, and the
     * channel's close sends GOAWAY and waits for the open streams (HTTP/2's graceful close). Any thread.
     */
    public void goingAway() {
        watches.forEach(HealthStreamHandler::goingAway);
        ctx.channel().close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        super.channelRead(ctx, msg);
    }

    /** What calls wrote while the read ran (calls run on the event loop) leaves in the codec's flush. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        reading = false;
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        reading = false;
        super.channelInactive(ctx);
    }

    /** Flushes at the end of this event-loop turn: once for all the answers written in it. */
    void flushSoon() {
        if (reading || flushScheduled) {
            return;
        }
        flushScheduled = true;
        ctx.executor().execute(flushTask);
    }

    private void flushNow() {
        flushScheduled = false;
        flush(ctx);
    }

    /** A peer's protocol error was answered with GOAWAY: one line at DEBUG, not a stack trace. */
    @Override
    protected void onConnectionError(
            ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception http2Ex) {
        log.debug("HTTP/2 error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        super.onConnectionError(ctx, outbound, cause, http2Ex);
    }

    void streamFailed(GrpcStream stream, Throwable cause) {
        log.debug("gRPC stream {} of {} failed", stream.id(), ctx.channel(), cause);
        stream.listener().failed(stream, cause);
    }

    private GrpcStream stream(int streamId) {
        Http2Stream stream = connection().stream(streamId);
        return stream == null ? null : stream.getProperty(key);
    }

    /** The frames of the connection's streams, each handed to its stream's listener. */
    private final class Frames extends Http2FrameAdapter {

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream) {
            Http2Stream stream = connection().stream(streamId);
            if (stream == null) {
                return;
            }
            GrpcStream state = stream.getProperty(key);
            if (state == null) {
                state = new GrpcStream(GrpcConnectionHandler.this, ctx, stream);
                stream.setProperty(key, state);
                state.listener(new GrpcStreamHandler(port, options, services, watches, state));
            }
            try {
                state.listener().headers(headers, endOfStream);
            } catch (RuntimeException e) {
                streamFailed(state, e);
            }
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx,
                int streamId,
                Http2Headers headers,
                int streamDependency,
                short weight,
                boolean exclusive,
                int padding,
                boolean endOfStream) {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            GrpcStream state = stream(streamId);
            if (state == null) {
                return data.readableBytes() + padding;
            }
            try {
                return state.data(data, padding, endOfStream);
            } catch (RuntimeException e) {
                streamFailed(state, e);
                return data.readableBytes() + padding;
            }
        }

        @Override
        public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
            GrpcStream state = stream(streamId);
            if (state != null) {
                state.peerReset();
            }
        }
    }

    /** Netty's builder, which sets the decoder's and encoder's limits against hostile peers. */
    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<GrpcConnectionHandler, Builder> {
        private final PortConnection port;
        private final GrpcOptions options;
        private final GrpcServices services;

        Builder(PortConnection port, GrpcOptions options, GrpcServices services) {
            this.port = port;
            this.options = options;
            this.services = services;
            server(true);
            validateHeaders(true);
            initialSettings(Http2Settings.defaultSettings()
                    .maxConcurrentStreams(options.maxConcurrentStreams())
                    .maxHeaderListSize(options.maxHeaderListBytes())
                    .initialWindowSize(WINDOW_BYTES));
        }

        @Override
        protected GrpcConnectionHandler build() {
            return super.build();
        }

        @Override
        protected GrpcConnectionHandler build(
                Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
            return new GrpcConnectionHandler(decoder, encoder, settings, port, options, services);
        }
    }
}
