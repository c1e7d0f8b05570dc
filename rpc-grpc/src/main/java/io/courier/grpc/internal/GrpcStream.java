package io.courier.grpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.concurrent.EventExecutor;

/**
 * The server's side of one HTTP/2 stream, without a channel of its own: what a call writes goes through
 * the connection's HTTP/2 encoder, and what the caller sends arrives at the stream's {@link
 * StreamListener}. Writes are flushed once per event-loop turn ({@link #flush()}). The flow-control
 * window of the caller's side closes while reading is {@linkplain #pauseReading() paused}: the bytes
 * read are returned to the window only when reading resumes. On the connection's event loop only, but
 * for {@link #resumeReading()} and {@link #executor()}.
 */
final class GrpcStream {

    private final GrpcConnectionHandler connection;
    private final ChannelHandlerContext ctx;
    private final Http2Stream stream;
    private StreamListener listener;
    /** Written on the event loop; read by {@link #resumeReading()} from any thread. */
    private volatile boolean paused;

    private int unreturned;
    private boolean closed;

    GrpcStream(GrpcConnectionHandler connection, ChannelHandlerContext ctx, Http2Stream stream) {
        this.connection = connection;
        this.ctx = ctx;
        this.stream = stream;
    }

    /** The listener that hears this stream from now on (gRPC's own services take over from the call's). */
    void listener(StreamListener next) {
        this.listener = next;
    }

    StreamListener listener() {
        return listener;
    }

    /** The connection's event loop, where everything of this stream happens. */
    EventExecutor executor() {
        return ctx.executor();
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    /** Whether the stream has closed or been reset: what is written now is dropped. */
    boolean closed() {
        return closed;
    }

    /** Writes a header block; flushed by {@link #flush()}. */
    void writeHeaders(Http2Headers headers, boolean endStream) {
        if (closed) {
            return;
        }
        connection.encoder().writeHeaders(ctx, stream.id(), headers, 0, endStream, ctx.newPromise());
    }

    /** Writes DATA, which this takes over; sent as the flow-control windows allow, once flushed. */
    void writeData(ByteBuf data, boolean endStream) {
        if (closed) {
            data.release();
            return;
        }
        connection.encoder().writeData(ctx, stream.id(), data, 0, endStream, ctx.newPromise());
    }

    /** Flushes what was written, once for everything written in this turn of the event loop. */
    void flush() {
        connection.flushSoon();
    }

    /** Whether the stream's flow-control window (and the connection's) can take more DATA now. */
    boolean isWritable() {
        return !closed && connection.encoder().flowController().isWritable(stream);
    }

    /** Ends the stream with {@code RST_STREAM INTERNAL_ERROR}. */
    void reset() {
        if (!closed) {
            connection.resetStream(ctx, stream.id(), Http2Error.INTERNAL_ERROR.code(), ctx.newPromise());
            flush();
        }
    }

    /** Stops returning the caller's DATA to its flow-control window, so the window closes. */
    void pauseReading() {
        paused = true;
    }

    /** Returns what was read while paused to the window, and goes on returning it. Any thread. */
    void resumeReading() {
        if (!paused) {
            return;
        }
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(this::resumeReading);
            return;
        }
        paused = false;
        int bytes = unreturned;
        unreturned = 0;
        if (bytes > 0 && !closed) {
            try {
                if (connection.decoder().flowController().consumeBytes(stream, bytes)) {
                    flush();
                }
            } catch (Http2Exception e) {
                connection.streamFailed(this, e);
            }
        }
    }

    /** DATA from the caller; returns the bytes that go back to the flow-control window at once. */
    int data(ByteBuf data, int padding, boolean endStream) {
        int bytes = data.readableBytes();
        listener.data(data, endStream);
        if (paused) {
            unreturned += bytes;
            return padding;
        }
        return bytes + padding;
    }

    /** The caller reset the stream. */
    void peerReset() {
        closed = true;
        listener.reset();
    }

    /** The stream has closed. */
    void onClosed() {
        closed = true;
        listener.closed();
    }

    int id() {
        return stream.id();
    }
}
