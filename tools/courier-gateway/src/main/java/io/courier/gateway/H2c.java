package io.courier.gateway;

import io.courier.gateway.msgpack.MessagePackBodies;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Error;
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
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HTTP/2 over cleartext: by prior knowledge (the client starts with the connection preface) or by
 * an HTTP/1.1 {@code Upgrade: h2c}; anything else stays HTTP/1.1. A unary JSON call of a method the
 * gateway has at hand is served by the connection itself ({@link UnaryStreams}); every other stream
 * becomes a child channel that runs the same handlers as an HTTP/1.1 connection. The HTTP/1.1 limits
 * carry over: headers by {@code SETTINGS_MAX_HEADER_LIST_SIZE}, each stream's body by the body limit.
 */
final class H2c {

    /** Streams one connection may have open at once. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private H2c() {}

    /**
     * Serves, on the connection itself, each stream whose request is a unary JSON call of a method the
     * gateway has at hand ({@link GatewayHandler#unaryAtHand}). Its frame listener sits on the codec's
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
    static final class UnaryStreams extends ChannelInboundHandlerAdapter {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(H2c.class);
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
            public int onDataRead(
                    ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream)
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

    /**
     * One stream served by {@link UnaryStreams}: gathers the request, hands it to the gateway once
     * complete, writes the answer. Used on the connection's event loop only, but for {@link #write}.
     */
    static final class UnaryStream {
        private final UnaryStreams connection;
        private final Http2Stream stream;
        private final GatewayHandler handler;
        private final int maxBodyBytes;
        private Http2Headers headers;
        private ByteBuf body;
        private boolean refused;
        private boolean open = true;
        private Runnable onGone;

        UnaryStream(UnaryStreams connection, Http2Stream stream, GatewayHandler handler, int maxBodyBytes) {
            this.connection = connection;
            this.stream = stream;
            this.handler = handler;
            this.maxBodyBytes = maxBodyBytes;
        }

        /** The codec's context: its executor, its channel (the peer, the deadline); written to by the encoder. */
        ChannelHandlerContext ctx() {
            return connection.codecCtx;
        }

        /** Runs {@code work} on the loop once the frames read with the request are handled ({@link UnaryStreams#afterRead}). */
        void afterRead(Runnable work) {
            connection.afterRead(work);
        }

        /** Whether the stream is still open: not reset, the connection not closed. */
        boolean open() {
            return open;
        }

        /** Runs {@code gone} once the stream closes (reset, connection closed, or answered); {@code null} forgets it. */
        void onGone(Runnable gone) {
            this.onGone = gone;
        }

        /** A header block ({@code head}) or DATA ({@code content}: the decoder's, released after this returns). */
        void read(Http2Headers head, ByteBuf content, boolean endStream) {
            if (headers == null) {
                headers = head;
            }
            if (content != null) {
                gather(content);
            }
            if (endStream) {
                complete();
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
                                ChannelHandlerContext ctx = ctx();
                                connection.codec.resetStream(
                                        ctx, stream.id(), Http2Error.NO_ERROR.code(), ctx.newPromise());
                                connection.flushSoon();
                            }
                        });
                return;
            }
            if (body == null) {
                body = content.retainedSlice();
            } else {
                CompositeByteBuf whole = body instanceof CompositeByteBuf composite
                        ? composite
                        : ctx().alloc().compositeBuffer().addComponent(true, body);
                body = whole.addComponent(true, content.retainedSlice());
            }
        }

        private void complete() {
            if (refused) {
                return;
            }
            ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : body;
            body = null;
            try {
                if (validValues(headers)) {
                    handler.serve(this, headers, content);
                } else {
                    handler.counted(400);
                    write(Responses.problem(Problems.of(HttpResponseStatus.BAD_REQUEST, "the request is malformed")));
                }
            } finally {
                content.release();
            }
        }

        /**
         * Whether every header's value is one HTTP/1.1 allows (no control character such as CR, LF or
         * NUL, no leading space; RFC 9110 section 5.5, RFC 9113 section 8.2.1): what an HTTP/1.1 request's
         * headers were checked for when an h2c request became one, and what the HTTP/2 decoder leaves to
         * its user.
         */
        private static boolean validValues(Http2Headers headers) {
            for (Map.Entry<CharSequence, CharSequence> header : headers) {
                CharSequence name = header.getKey();
                if ((name.length() == 0 || name.charAt(0) != ':')
                        && HttpHeaderValidationUtil.validateValidHeaderValue(header.getValue()) != -1) {
                    return false;
                }
            }
            return true;
        }

        /** Writes {@code response} as HEADERS and DATA (END_STREAM), or drops it if the stream closed. Any thread. */
        ChannelFuture write(FullHttpResponse response) {
            return write(Responses.http2Headers(response), response.content());
        }

        /** Writes {@code head} and {@code content} (released here) as HEADERS and DATA, as {@link #write(FullHttpResponse)}. */
        ChannelFuture write(Http2Headers head, ByteBuf content) {
            ChannelHandlerContext ctx = ctx();
            ChannelPromise done = ctx.newPromise();
            if (ctx.executor().inEventLoop()) {
                write(ctx, head, content, done);
            } else {
                ctx.executor().execute(() -> write(ctx, head, content, done));
            }
            return done;
        }

        private void write(ChannelHandlerContext ctx, Http2Headers head, ByteBuf content, ChannelPromise done) {
            if (!open) {
                content.release();
                done.setFailure(new ClosedChannelException());
                return;
            }
            var encoder = connection.codec.encoder();
            if (!content.isReadable()) {
                content.release();
                encoder.writeHeaders(ctx, stream.id(), head, 0, true, done);
            } else {
                encoder.writeHeaders(ctx, stream.id(), head, 0, false, ctx.newPromise());
                encoder.writeData(ctx, stream.id(), content, 0, true, done);
            }
            connection.flushSoon();
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
}
