package io.courier.grpc.internal.client;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.MessageDeframer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One unary gRPC call on its HTTP/2 stream, seen from the caller: reads the response headers, the one
 * response message and the trailers, and completes the call's result with the answer, or with the
 * failure {@link Answers} makes of it. Knows whether the request can have reached the server: a stream
 * refused ({@code REFUSED_STREAM}) or left out by the server's {@code GOAWAY} fails "not executed", so
 * the cluster may retry it anywhere. On the stream's event loop only.
 */
final class GrpcCall extends SimpleChannelInboundHandler<Http2StreamFrame> {

    private final Answers answers;
    private final MethodMarshaller marshaller;
    private final int maxMessageBytes;
    private final long timeoutNanos;
    private final CompletableFuture<RpcResult> result;
    private final Map<String, String> attachments = new HashMap<>();
    private final List<byte[]> messages = new ArrayList<>(1);
    private MessageDeframer deframer;
    private ScheduledFuture<?> timer;
    private long startedNanos;

    GrpcCall(
            Answers answers,
            MethodMarshaller marshaller,
            int maxMessageBytes,
            long timeoutNanos,
            CompletableFuture<RpcResult> result) {
        this.answers = answers;
        this.marshaller = marshaller;
        this.maxMessageBytes = maxMessageBytes;
        this.timeoutNanos = timeoutNanos;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        startedNanos = System.nanoTime();
        timer = ctx.executor()
                .schedule(
                        () -> fail(
                                ctx,
                                answers.timeout(
                                        "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms")),
                        timeoutNanos,
                        TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
        if (result.isDone()) {
            return;
        }
        if (frame instanceof Http2HeadersFrame headers) {
            onHeaders(ctx, headers);
        } else if (frame instanceof Http2DataFrame data) {
            onData(ctx, data);
        } else if (frame instanceof Http2ResetFrame reset) {
            fail(ctx, answers.reset(reset, System.nanoTime() - startedNanos, timeoutNanos));
        }
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        Http2Headers headers = frame.headers();
        if (deframer == null) {
            RpcException notGrpc = answers.httpFailure(headers);
            if (notGrpc != null) {
                fail(ctx, notGrpc);
                return;
            }
            deframer = Answers.deframer(ctx.alloc(), maxMessageBytes, headers);
        }
        Answers.keepMetadata(headers, attachments);
        if (frame.isEndStream()) {
            end(ctx, headers);
        }
    }

    private void onData(ChannelHandlerContext ctx, Http2DataFrame data) {
        if (deframer == null) {
            fail(ctx, answers.failure(GrpcStatus.INTERNAL, "a message before the response headers"));
            return;
        }
        try {
            deframer.add(data.content(), messages::add);
        } catch (MessageDeframer.StatusException e) {
            fail(ctx, answers.refused(e));
            return;
        }
        if (data.isEndStream()) {
            fail(ctx, answers.failure(GrpcStatus.INTERNAL, "the stream ended without trailers"));
        }
    }

    private void end(ChannelHandlerContext ctx, Http2Headers trailers) {
        RpcException failed = answers.trailersFailure(trailers);
        if (failed != null) {
            fail(ctx, failed);
            return;
        }
        if (messages.size() != 1 || deframer.partial()) {
            fail(
                    ctx,
                    answers.failure(
                            GrpcStatus.INTERNAL,
                            messages.size() + " response messages" + (deframer.partial() ? " and part of another" : "")
                                    + " (expected: 1 for a unary call)"));
            return;
        }
        Object value;
        try {
            value = marshaller.response(messages.get(0));
        } catch (IOException | RuntimeException e) {
            fail(ctx, answers.unreadable(e));
            return;
        }
        cancelTimer();
        result.complete(RpcResult.of(value, Map.copyOf(attachments)));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2GoAwayFrame goAway) {
            ReferenceCountUtil.release(goAway);
            fail(ctx, answers.goneAway());
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, answers.closed());
        release();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, new RpcException(io.courier.api.ErrorCode.NETWORK, false, answers.where() + ": " + cause, cause));
    }

    /** Ends the call with {@code failure} (if it is not over) and resets the stream. */
    private void fail(ChannelHandlerContext ctx, RpcException failure) {
        cancelTimer();
        if (result.completeExceptionally(failure)) {
            ctx.close();
        }
    }

    private void cancelTimer() {
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
