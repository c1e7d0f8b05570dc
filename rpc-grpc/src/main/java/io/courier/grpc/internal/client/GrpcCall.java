package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.MessageDeframer;
import io.courier.grpc.internal.Metadata;
import io.courier.grpc.internal.StatusMessages;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
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
 * {@link RpcException} its {@code grpc-status} names through the one status table ({@link
 * GrpcStatus#errorCode()}). Knows whether the request can have reached the server: a stream refused
 * ({@code REFUSED_STREAM}) or left out by the server's {@code GOAWAY} fails "not executed", so the cluster
 * may retry it anywhere. On the stream's event loop only.
 */
final class GrpcCall extends SimpleChannelInboundHandler<Http2StreamFrame> {

    private final String where;
    private final MethodMarshaller marshaller;
    private final int maxMessageBytes;
    private final long timeoutNanos;
    private final boolean timeoutIsDeadline;
    private final CompletableFuture<RpcResult> result;
    private final Map<String, String> attachments = new HashMap<>();
    private final List<byte[]> messages = new ArrayList<>(1);
    private MessageDeframer deframer;
    private ScheduledFuture<?> timer;
    private boolean headersSeen;

    /**
     * @param where the server and the method, for messages
     * @param timeoutIsDeadline whether the call's timeout is its deadline (the caller's budget) rather
     *     than the reference's per-attempt timeout: a {@code DEADLINE_EXCEEDED} is then the caller's
     *     {@code DEADLINE_EXCEEDED}, else the attempt's {@code TIMEOUT}, which may be retried
     */
    GrpcCall(
            String where,
            MethodMarshaller marshaller,
            int maxMessageBytes,
            long timeoutNanos,
            boolean timeoutIsDeadline,
            CompletableFuture<RpcResult> result) {
        this.where = where;
        this.marshaller = marshaller;
        this.maxMessageBytes = maxMessageBytes;
        this.timeoutNanos = timeoutNanos;
        this.timeoutIsDeadline = timeoutIsDeadline;
        this.result = result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor()
                .schedule(
                        () -> {
                            fail(
                                    ctx,
                                    timeout("no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
                        },
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
            boolean refused = reset.errorCode() == Http2Error.REFUSED_STREAM.code();
            fail(
                    ctx,
                    new RpcException(
                            ErrorCode.NETWORK,
                            refused,
                            where + ": the server reset the stream (" + Http2Error.valueOf(reset.errorCode()) + ")"
                                    + (refused ? ", before it took the call" : ""),
                            null));
        }
    }

    private void onHeaders(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
        Http2Headers headers = frame.headers();
        if (!headersSeen) {
            headersSeen = true;
            CharSequence status = headers.status();
            if (status != null && !"200".contentEquals(status)) {
                GrpcStatus mapped = HttpStatuses.grpcStatus(status);
                fail(ctx, failure(mapped, "HTTP status " + status + " (not a gRPC answer)"));
                return;
            }
            boolean gzip = "gzip".equals(String.valueOf(headers.get("grpc-encoding")));
            deframer = new MessageDeframer(ctx.alloc(), maxMessageBytes, gzip);
        }
        keepMetadata(headers);
        if (frame.isEndStream()) {
            end(ctx, headers);
        }
    }

    private void onData(ChannelHandlerContext ctx, Http2DataFrame data) {
        if (deframer == null) {
            fail(ctx, failure(GrpcStatus.INTERNAL, "a message before the response headers"));
            return;
        }
        try {
            deframer.add(data.content(), messages::add);
        } catch (MessageDeframer.StatusException e) {
            // the answer itself is refused here, after the server ran the call
            ErrorCode code =
                    e.status == GrpcStatus.RESOURCE_EXHAUSTED ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.SERIALIZATION;
            fail(ctx, new RpcException(code, false, where + ": the answer is refused: " + e.getMessage(), null));
            return;
        }
        if (data.isEndStream()) {
            fail(ctx, failure(GrpcStatus.INTERNAL, "the stream ended without trailers"));
        }
    }

    private void end(ChannelHandlerContext ctx, Http2Headers trailers) {
        CharSequence code = trailers.get("grpc-status");
        CharSequence message = trailers.get("grpc-message");
        GrpcStatus status;
        try {
            status = code == null ? GrpcStatus.UNKNOWN : GrpcStatus.ofCode(Integer.parseInt(code.toString()));
        } catch (NumberFormatException e) {
            status = GrpcStatus.UNKNOWN;
        }
        if (status != GrpcStatus.OK) {
            String text = message == null ? "" : StatusMessages.decode(message);
            fail(ctx, failure(status, code == null ? "no grpc-status in the trailers" : text));
            return;
        }
        if (messages.size() != 1 || deframer.partial()) {
            fail(
                    ctx,
                    failure(
                            GrpcStatus.INTERNAL,
                            messages.size() + " response messages" + (deframer.partial() ? " and part of another" : "")
                                    + " (expected: 1 for a unary call)"));
            return;
        }
        Object value;
        try {
            value = marshaller.response(messages.get(0));
        } catch (IOException | RuntimeException e) {
            fail(
                    ctx,
                    new RpcException(
                            ErrorCode.SERIALIZATION,
                            false,
                            where + ": the response cannot be read: " + e.getMessage(),
                            e));
            return;
        }
        cancelTimer();
        result.complete(RpcResult.of(value, Map.copyOf(attachments)));
    }

    private void keepMetadata(Http2Headers headers) {
        for (Map.Entry<String, String> entry : Metadata.attachments(headers).entrySet()) {
            if (!entry.getKey().startsWith("grpc-")) {
                attachments.put(entry.getKey(), entry.getValue());
            }
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof Http2GoAwayFrame goAway) {
            ReferenceCountUtil.release(goAway);
            fail(
                    ctx,
                    new RpcException(
                            ErrorCode.NETWORK, true, where + ": the server sent GOAWAY before it took the call", null));
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new RpcException(ErrorCode.NETWORK, false, where + ": the stream closed before the answer", null));
        release();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, new RpcException(ErrorCode.NETWORK, false, where + ": " + cause, cause));
    }

    /** Ends the call with {@code failure} (if it is not over) and resets the stream. */
    void fail(ChannelHandlerContext ctx, RpcException failure) {
        cancelTimer();
        if (result.completeExceptionally(failure)) {
            ctx.close();
        }
    }

    private RpcException failure(GrpcStatus status, String message) {
        ErrorCode code = status.errorCode();
        if (code == ErrorCode.DEADLINE_EXCEEDED && !timeoutIsDeadline) {
            return timeout("the server answered DEADLINE_EXCEEDED: " + message);
        }
        return new RpcException(
                code, code.notExecutedByDefault(), where + " answered " + status + ": " + message, null);
    }

    private RpcException timeout(String message) {
        return timeoutIsDeadline
                ? new RpcException(ErrorCode.DEADLINE_EXCEEDED, false, where + ": deadline passed, " + message, null)
                : new RpcException(ErrorCode.TIMEOUT, false, where + ": " + message, null);
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
