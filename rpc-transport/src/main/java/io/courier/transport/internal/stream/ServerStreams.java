package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.frame.InboundStreamFrame;
import io.courier.protocol.frame.RequestHead;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.frame.StreamFrames;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.courier.transport.StreamOptions;
import io.courier.transport.TransportKeys;
import io.courier.transport.internal.executor.ServerContext;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of one server connection, and the pipeline handler (before the {@code ServerHandler})
 * that takes their frames. On the IO thread it checks every frame against the stream it names: an
 * open past {@link StreamOptions#maxStreamsPerConnection()} or while the server is going away is
 * refused "not executed"; a message or half-close for an unknown stream, a message after the
 * consumer's half-close, a window past 2^31-1 messages and an unknown kind each end the stream
 * they name with a {@code BAD_REQUEST} error frame, and the connection carries on. Window and
 * cancel frames for a stream that has just ended are dropped (they crossed its end on the wire).
 * When the connection closes, every open stream's publisher is cancelled.
 */
public final class ServerStreams extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ServerStreams.class);

    private final ConcurrentHashMap<Long, ServerStream> streams = new ConcurrentHashMap<>();
    private final StreamConnection connection;
    private final ServerContext server;
    private final StreamChannel out;
    private final int maxStreams;
    private final int window;

    public ServerStreams(StreamConnection connection, ServerContext server, StreamChannel out, StreamOptions options) {
        this.connection = connection;
        this.server = server;
        this.out = out;
        this.maxStreams = options.maxStreamsPerConnection();
        this.window = options.window();
    }

    StreamChannel out() {
        return out;
    }

    ServerContext server() {
        return server;
    }

    StreamConnection connection() {
        return connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundStreamFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            onFrame(frame);
        } finally {
            frame.release();
        }
    }

    private void onFrame(InboundStreamFrame frame) {
        long id = frame.streamId();
        StreamFrameKind kind = frame.kind();
        if (kind == StreamFrameKind.OPEN) {
            open(frame);
            return;
        }
        ServerStream stream = streams.get(id);
        if (kind == null) {
            refuse(stream, id, "unknown stream frame kind " + frame.kindNumber() + " (expected: 1 to 6)");
            return;
        }
        if (stream == null) {
            if (kind == StreamFrameKind.MESSAGE || kind == StreamFrameKind.HALF_CLOSE) {
                out.error(id, new RpcException(ErrorCode.BAD_REQUEST, true, kind + " for unknown stream " + id, null));
            }
            return;
        }
        switch (kind) {
            case WINDOW -> {
                int credit;
                try {
                    credit = out.frames().readWindow(frame);
                } catch (RpcException e) {
                    refuse(stream, id, "malformed window: " + e.getMessage());
                    return;
                }
                if (!stream.windowFromConsumer(credit)) {
                    refuse(stream, id, "window overflow: credit over 2^31-1 messages");
                }
            }
            case CANCEL, ERROR -> {
                if (end(stream)) {
                    stream.cancelledByPeer();
                }
            }
            case MESSAGE -> {
                String violation = stream.onConsumerMessage(frame);
                if (violation != null) {
                    refuse(stream, id, violation);
                }
            }
            case HALF_CLOSE -> stream.onConsumerHalfClose();
            default -> refuse(stream, id, "a second open for stream " + id);
        }
    }

    private void open(InboundStreamFrame frame) {
        long id = frame.streamId();
        if (streams.containsKey(id)) {
            refuse(streams.get(id), id, "stream id " + id + " is already open");
            return;
        }
        if (!admits(id)) {
            return;
        }
        StreamFrames.StreamOpen opened;
        RequestHead<ServiceExport> head;
        try {
            opened = out.frames().readOpen(frame);
        } catch (RpcException e) {
            out.error(id, new RpcException(ErrorCode.BAD_REQUEST, true, "open: " + e.getMessage(), null));
            return;
        }
        try {
            head = server.bodyDecoder().readHead(opened.request(), server.services());
            if (!head.method().stream()) {
                throw new RpcException(
                        ErrorCode.BAD_REQUEST,
                        true,
                        "method " + head.method() + " is not a stream (expected: a method returning Flow.Publisher)",
                        null);
            }
        } catch (RpcException e) {
            opened.request().release();
            out.error(id, e);
            return;
        }
        ServerStream stream = new ServerStream(id, head, opened.credit(), window, this);
        streams.put(id, stream);
        out.gauges().opened();
        if (head.method().streamParameter() >= 0) {
            // The consumer's messages: credited before the method runs, bounded by the window.
            out.window(id, window);
        }
        start(stream, head.service());
    }

    /** Runs the stream's method on its service's executor; a full executor ends the stream busy. */
    private void start(ServerStream stream, ServiceExport service) {
        long id = stream.id();
        ExecutorKind kind = service.executor() != null ? service.executor() : server.defaultExecutor();
        Executor executor = server.executors().executor(kind);
        if (executor == null) {
            stream.run();
            return;
        }
        try {
            executor.execute(stream);
        } catch (RejectedExecutionException e) {
            stream.dropped();
            end(
                    stream,
                    () -> out.error(
                            id, new RpcException(ErrorCode.SERVER_BUSY, true, "server executor is full", null)));
        }
    }

    /** Whether the connection may open one more stream; if not, the consumer is told why. */
    private boolean admits(long id) {
        if (connection.draining()) {
            out.error(id, new RpcException(ErrorCode.GOING_AWAY, true, "server is shutting down", null));
            return false;
        }
        if (streams.size() >= maxStreams) {
            out.error(
                    id,
                    new RpcException(
                            ErrorCode.SERVER_BUSY,
                            true,
                            "too many open streams on this connection: " + maxStreams
                                    + " (expected: fewer; " + TransportKeys.SERVER_STREAMS_MAX_PER_CONNECTION.name()
                                    + " on the provider)",
                            null));
            return false;
        }
        return true;
    }

    /** Ends {@code stream} (if any) with a {@code BAD_REQUEST} error frame that names the violation. */
    private void refuse(ServerStream stream, long id, String violation) {
        log.debug("stream {} from {}: {}", id, connection.remote(), violation);
        if (stream != null) {
            stream.fail(new RpcException(ErrorCode.BAD_REQUEST, false, "stream " + id + ": " + violation, null));
        } else {
            out.error(id, new RpcException(ErrorCode.BAD_REQUEST, true, "stream " + id + ": " + violation, null));
        }
    }

    /** Whether {@code stream} is still open here. */
    boolean isOpen(ServerStream stream) {
        return streams.get(stream.id()) == stream && !stream.ending();
    }

    /** Takes {@code stream} out of the table; true for the one caller that did. */
    boolean end(ServerStream stream) {
        return end(stream, null);
    }

    /**
     * Ends {@code stream} for the one caller that gets there first: queues its {@code lastFrames} (may
     * be null), then takes it out of the table. In that order, because once it has left the table the IO
     * thread answers a consumer frame that still names it as one for an unknown stream, and that answer
     * must not reach the consumer before the stream's own last frame.
     */
    boolean end(ServerStream stream, Runnable lastFrames) {
        if (!stream.claimEnd()) {
            return false;
        }
        if (lastFrames != null) {
            lastFrames.run();
        }
        streams.remove(stream.id(), stream);
        out.gauges().ended();
        stream.left();
        connection.streamEnded();
        return true;
    }

    /** Streams open now on this connection. */
    public int size() {
        return streams.size();
    }

    /**
     * The server's shutdown deadline passed: every stream still open ends with {@link
     * ErrorCode#GOING_AWAY}, its publisher cancelled. Event loop; the caller then closes the
     * connection once the frames are flushed.
     */
    public void goAway() {
        for (ServerStream stream : streams.values()) {
            stream.fail(new RpcException(
                    ErrorCode.GOING_AWAY, false, "server shut down before stream " + stream.id() + " ended", null));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (ServerStream stream : streams.values()) {
            if (end(stream)) {
                stream.cancelledByPeer();
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException protocol && protocol.requestId().isPresent()) {
            ServerStream stream = streams.get(protocol.requestId().getAsLong());
            if (stream != null) {
                stream.fail(new RpcException(protocol.code(), false, protocol.getMessage(), null));
            }
        }
        ctx.fireExceptionCaught(cause);
    }
}
