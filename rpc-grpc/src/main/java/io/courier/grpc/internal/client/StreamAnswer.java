package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.wire.MessageDeframer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every gRPC call's stream reads, whatever the call's kind: the response headers (an answer that is
 * not gRPC's ends the call), the messages cut from the DATA frames, the trailers, a reset, the server's
 * GOAWAY, the stream's loss, and the call's timer. The kinds say what a message, the trailers and the end
 * mean ({@link GrpcCall}, {@link ServerStreamCall}); {@link Answers} says what each failure is. On the
 * stream's event loop only.
 */
abstract class StreamAnswer extends SimpleChannelInboundHandler<Http2StreamFrame> {

    final Answers answers;
    private final int maxMessageBytes;
    private final long timeoutNanos;
    ChannelHandlerContext ctx;
    private MessageDeframer deframer;
    private ScheduledFuture<?> timer;
    private long startedNanos;

    /** @param timeoutNanos how long the call may take, or 0 for no limit */
    StreamAnswer(Answers answers, int maxMessageBytes, long timeoutNanos) {
        this.answers = answers;
        this.maxMessageBytes = maxMessageBytes;
        this.timeoutNanos = timeoutNanos;
    }

    /** Whether the call is over: what still comes is dropped. */
    abstract boolean over();

    /** Ends the call with {@code failure} (nothing when it is over already) and resets the stream. */
    abstract void fail(RpcException failure);

    /** One whole response message. */
    abstract void message(byte[] bytes) throws IOException;

    /** After the messages of one DATA frame. */
    void afterData() {}

    /** Metadata of the response headers or the trailers. */
    void metadata(Http2Headers headers) {}

    /** The trailers: {@code failure} is what their status says, {@code null} for OK. */
    abstract void trailers(RpcException failure, boolean partialMessage);

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        startedNanos = System.nanoTime();
        if (timeoutNanos > 0) {
            timer = context.executor()
                    .schedule(
                            () -> fail(answers.timeout(
                                    "no whole answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")),
                            timeoutNanos,
                            TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, Http2StreamFrame frame) {
        if (over()) {
            return;
        }
        if (frame instanceof Http2HeadersFrame headers) {
            onHeaders(headers);
        } else if (frame instanceof Http2DataFrame data) {
            onData(data);
        } else if (frame instanceof Http2ResetFrame reset) {
            fail(answers.reset(reset, System.nanoTime() - startedNanos, timeoutNanos));
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        Http2Headers headers = frame.headers();
        if (deframer == null) {
            RpcException notGrpc = answers.httpFailure(headers);
            if (notGrpc != null) {
                fail(notGrpc);
                return;
            }
            deframer = Answers.deframer(ctx.alloc(), maxMessageBytes, headers);
        }
        metadata(headers);
        if (frame.isEndStream()) {
            trailers(answers.trailersFailure(headers), deframer.partial());
        }
    }

    private void onData(Http2DataFrame data) {
        if (deframer == null) {
            fail(answers.failure(GrpcStatus.INTERNAL, "a message before the response headers"));
            return;
        }
        List<byte[]> messages = new ArrayList<>(1);
        try {
            deframer.add(data.content(), messages::add);
            for (byte[] bytes : messages) {
                message(bytes);
            }
        } catch (MessageDeframer.StatusException e) {
            fail(answers.refused(e));
            return;
        } catch (IOException | RuntimeException e) {
            fail(answers.unreadable(e));
            return;
        }
        if (data.isEndStream()) {
            fail(answers.failure(GrpcStatus.INTERNAL, "the stream ended without trailers"));
            return;
        }
        afterData();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof Http2GoAwayFrame goAway) {
            ReferenceCountUtil.release(goAway);
            fail(answers.goneAway());
            return;
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        fail(
                serverNeverSaw(context.channel())
                        ? answers.goneAway()
                        : answers.closed(System.nanoTime() - startedNanos, timeoutNanos));
        release();
    }

    /**
     * Whether the server never saw this stream: its headers never left, or the connection's GOAWAY named a
     * last stream below it. Netty closes such streams as it reads the GOAWAY, and the close can reach the
     * stream before the GOAWAY's own event does; the call then never ran, and may go elsewhere.
     */
    private static boolean serverNeverSaw(Channel channel) {
        if (!(channel instanceof Http2StreamChannel child)) {
            return false;
        }
        Http2FrameStream stream = child.stream();
        if (stream.state() == Http2Stream.State.IDLE) {
            return true;
        }
        Http2FrameCodec codec = child.parent().pipeline().get(Http2FrameCodec.class);
        if (codec == null) {
            return false;
        }
        Http2Connection connection = codec.connection();
        return connection.goAwayReceived() && stream.id() > connection.local().lastStreamKnownByPeer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        fail(new RpcException(ErrorCode.NETWORK, false, answers.where() + ": " + cause, cause));
    }

    /** Stops the call's timer. */
    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void release() {
        cancelTimer();
        if (deframer != null) {
            deframer.release();
            deframer = null;
        }
    }
}
