package io.courier.gateway;

import io.courier.gateway.msgpack.MessagePackBodies;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/2 over cleartext: by prior knowledge (the client starts with the connection preface) or by
 * an HTTP/1.1 {@code Upgrade: h2c}; anything else stays HTTP/1.1. A unary JSON call of a method the
 * gateway has at hand ({@link GatewayHandler#unaryAtHand}) is served by the connection itself, here; every
 * other stream becomes a child channel that runs the same handlers as an HTTP/1.1 connection. The
 * HTTP/1.1 limits carry over: headers by {@code SETTINGS_MAX_HEADER_LIST_SIZE}, each stream's body by
 * the body limit.
 *
 * <p>This handler's frame listener sits on the codec's
 * decoder in front of the codec's own, and a stream's first HEADERS decide: a unary call's HEADERS
 * and DATA are read here without frame objects, the request goes to the same {@link GatewayHandler}
 * logic as an HTTP/1.1 request, and the answer goes to the codec's encoder as HEADERS and DATA
 * (END_STREAM) with one flush: the codec's at the end of the read if written during one, else its
 * own at once (a task at the end of the turn held it behind every queued task). Any other stream's frames go on to the codec's listener and
 * become a child channel in the {@link Http2MultiplexHandler} behind; the codec's announcement of
 * a new stream waits here until its HEADERS are read, and a unary one's never goes further.
 *
 * <p>The stream limits stay: a body past the limit is answered 413 and the stream reset with
 * {@code NO_ERROR}, a stream reset before its call started runs nothing, a stream reset while
 * its call runs cancels the call. One per connection; used on its event loop only.
 */
final class UnaryStreams extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UnaryStreams.class);
    /** The state of a stream that a child channel serves. */
    private static final Object CHILD = new Object();
    /** Connect's header, as a constant: its hash is computed once, not per HEADERS read. */
    private static final AsciiString CONNECT_PROTOCOL_VERSION = AsciiString.cached("connect-protocol-version");

    private final Http2FrameCodec codec;
    private final GatewayHandler handler;
    private final int maxBodyBytes;
    /** A stream's state: {@link #CHILD} or its {@link UnaryStream}; none until its HEADERS are read. */
    private final Http2Connection.PropertyKey key;
    /** The codec's announcements of streams whose HEADERS are still to be read, by stream id. */
    private final IntObjectHashMap<List<Object>> held = new IntObjectHashMap<>();
    /** What {@link #afterRead} keeps until the read's end. */
    private final ArrayDeque<Runnable> afterRead = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private ChannelHandlerContext codecCtx;
    private boolean reading;

    UnaryStreams(Http2FrameCodec codec, GatewayHandler handler, int maxBodyBytes) {
        this.codec = codec;
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.key = codec.connection().newKey();
        codec.decoder().frameListener(new Frames(codec.decoder().frameListener()));
        codec.connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                if (stream.getProperty(key) instanceof UnaryStream unary) {
                    unary.closed();
                }
            }
        });
    }

    @Override // added after the codec, on prior knowledge as after an upgrade
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.codecCtx = ctx.pipeline().context(codec);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof Http2FrameStreamEvent event)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        int id = event.stream().id();
        Http2Stream stream = codec.connection().stream(id);
        Object state = stream == null ? CHILD : stream.getProperty(key);
        if (state == CHILD) {
            ctx.fireUserEventTriggered(evt);
        } else if (state == null) {
            if (stream.state() == Http2Stream.State.CLOSED) {
                held.remove(id); // ended before its HEADERS were read: no child channel ever knew it
            } else {
                held.computeIfAbsent(id, ignored -> new ArrayList<>(2)).add(evt);
            }
        } // a unary stream's announcements concern nobody behind
    }

    /**
     * A peer's protocol error (a flood, a malformed frame), already answered by the codec with
     * RST_STREAM or GOAWAY: one line at DEBUG naming the peer, instead of a WARN stack trace from the
     * pipeline's tail. A child channel's stream error goes on to its channel.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException error) {
            Http2Stream stream = codec.connection().stream(error.stream().id());
            if (stream != null && stream.getProperty(key) == CHILD) {
                ctx.fireExceptionCaught(cause);
                return;
            }
        }
        log.debug("HTTP/2 error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    }

    /** A unary stream's frames from the codec (a reset, a window update; its close follows): nobody behind knows it. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2StreamFrame frame
                && frame.stream() != null
                && unary(frame.stream().id()) != null) {
            ReferenceCountUtil.release(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * Called before the codec flushes what the read produced: the calls of the read start now (a
     * stream reset in the same read is closed by then, and nothing runs for it), and answers written
     * until now leave with the flush.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        runAfterRead();
        reading = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        runAfterRead(); // each finds its stream closed
        ctx.fireChannelInactive();
    }

    /** Runs {@code work} once the frames of the current read are handled, without a task of the loop's. */
    void afterRead(Runnable work) {
        if (reading) {
            afterRead.add(work);
        } else {
            ctx.executor().execute(work);
        }
    }

    private void runAfterRead() {
        for (Runnable work = afterRead.poll(); work != null; work = afterRead.poll()) {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("A call from {} failed to start", ctx.channel().remoteAddress(), e);
            }
        }
    }

    /** The codec, whose encoder writes a unary stream's answer. */
    Http2FrameCodec codec() {
        return codec;
    }

    /** The codec's context: a unary stream's answers are written to it. */
    ChannelHandlerContext codecCtx() {
        return codecCtx;
    }

    /** Flushes what was written now, unless a read is under way: the codec flushes once at its end. */
    void flushSoon() {
        if (!reading) {
            codec.flush(codecCtx);
        }
    }

    /** The state of stream {@code id} once its first HEADERS ({@code headers}) are read. */
    private Object classify(int id, Http2Headers headers) {
        Http2Stream stream = codec.connection().stream(id);
        if (stream == null) {
            return CHILD;
        }
        Object state = stream.getProperty(key);
        if (state != null) {
            return state;
        }
        List<Object> announced = held.remove(id);
        if (unary(headers)) {
            state = new UnaryStream(this, stream, handler, maxBodyBytes);
        } else {
            state = CHILD;
            if (announced != null) {
                announced.forEach(ctx::fireUserEventTriggered);
            }
        }
        stream.setProperty(key, state);
        return state;
    }

    private UnaryStream unary(int id) {
        Http2Stream stream = codec.connection().stream(id);
        return stream != null && stream.getProperty(key) instanceof UnaryStream unary ? unary : null;
    }

    private boolean unary(Http2Headers headers) {
        if (!HttpMethod.POST.asciiName().contentEquals(headers.method()) || headers.path() == null) {
            return false;
        }
        long length = headers.getLong(HttpHeaderNames.CONTENT_LENGTH, 0L);
        // a declared body over the limit keeps the child channel's answer to it
        return length <= maxBodyBytes
                && !MessagePackBodies.wanted(headers.get(HttpHeaderNames.ACCEPT))
                && handler.unaryAtHand(
                        headers.path(),
                        headers.get(HttpHeaderNames.CONTENT_TYPE),
                        headers.contains(CONNECT_PROTOCOL_VERSION));
    }

    /** The connection's frames: a unary stream's are read here, every other goes on to the codec. */
    private final class Frames extends Http2FrameListenerDecorator {
        Frames(Http2FrameListener codecFrames) {
            super(codecFrames);
        }

        @Override
        public void onHeadersRead(
                ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding, boolean endOfStream)
                throws Http2Exception {
            if (classify(streamId, headers) instanceof UnaryStream unary) {
                reading = true;
                unary.read(headers, null, endOfStream);
            } else {
                super.onHeadersRead(ctx, streamId, headers, padding, endOfStream);
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
                boolean endOfStream)
                throws Http2Exception {
            onHeadersRead(ctx, streamId, headers, padding, endOfStream); // the codec ignores priorities
        }

        /** A unary stream's DATA are read at once: their bytes go straight back to the flow-control window. */
        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream)
                throws Http2Exception {
            UnaryStream unary = unary(streamId);
            if (unary == null) {
                return super.onDataRead(ctx, streamId, data, padding, endOfStream);
            }
            reading = true;
            int bytes = data.readableBytes() + padding;
            unary.read(null, data, endOfStream);
            return bytes;
        }
    }
}
