package io.courier.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * One stream served by {@link UnaryStreams}: gathers the request, hands it to the gateway once
 * complete, writes the answer. Used on the connection's event loop only, but for {@link #write}.
 */
final class UnaryStream {
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
        return connection.codecCtx();
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
                            connection
                                    .codec()
                                    .resetStream(ctx, stream.id(), Http2Error.NO_ERROR.code(), ctx.newPromise());
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
        var encoder = connection.codec().encoder();
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
