package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
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
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * One server-stream gRPC call on its HTTP/2 stream, as the {@link Flow.Publisher} a proxy's stream method
 * returns: the server's messages go to the one subscriber as it requests them, then its end (the
 * trailers' status: completion, or the failure {@link Answers} makes of it). Back-pressure is HTTP/2's:
 * past {@value #MAX_UNREAD} messages the subscriber has not asked for, the stream stops reading, so its
 * flow-control window closes and the server waits. {@code cancel()} resets the stream. The subscriber is
 * called serially on the stream's event loop; it must not block.
 */
final class ServerStreamCall extends SimpleChannelInboundHandler<Http2StreamFrame>
        implements Flow.Publisher<Object>, Flow.Subscription {

    /** Messages read and not yet asked for, past which the stream stops reading. */
    static final int MAX_UNREAD = 32;

    private final Answers answers;
    private final MethodMarshaller marshaller;
    private final int maxMessageBytes;
    private final long deadlineNanos;
    private final ArrayDeque<Object> unread = new ArrayDeque<>();
    // on the event loop only, once the handler is added
    private ChannelHandlerContext ctx;
    private MessageDeframer deframer;
    private ScheduledFuture<?> timer;
    private long startedNanos;
    private Flow.Subscriber<? super Object> subscriber;
    private long demand;
    private RpcException failure;
    private boolean ended;
    private boolean signalled;

    /** @param deadlineNanos how long the whole stream may last (the caller's deadline), or 0 for no limit */
    ServerStreamCall(Answers answers, MethodMarshaller marshaller, int maxMessageBytes, long deadlineNanos) {
        this.answers = answers;
        this.marshaller = marshaller;
        this.maxMessageBytes = maxMessageBytes;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        startedNanos = System.nanoTime();
        if (deadlineNanos > 0) {
            timer = context.executor()
                    .schedule(
                            () -> end(answers.timeout(
                                    "the stream lasted " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms")),
                            deadlineNanos,
                            TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> subscriber) {
        ctx.executor().execute(() -> {
            if (this.subscriber != null) {
                subscriber.onSubscribe(this);
                subscriber.onError(new IllegalStateException(answers.where() + ": a gRPC stream has one subscriber"));
                return;
            }
            this.subscriber = subscriber;
            subscriber.onSubscribe(this);
            drain();
        });
    }

    @Override
    public void request(long n) {
        ctx.executor().execute(() -> {
            if (n <= 0) {
                end(new RpcException(ErrorCode.BAD_REQUEST, false, "request(" + n + ") (expected: > 0)", null));
                return;
            }
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            drain();
        });
    }

    @Override
    public void cancel() {
        ctx.executor().execute(() -> {
            signalled = true;
            unread.clear();
            finish();
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, Http2StreamFrame frame) {
        if (ended) {
            return;
        }
        if (frame instanceof Http2HeadersFrame headers) {
            onHeaders(headers);
        } else if (frame instanceof Http2DataFrame data) {
            onData(data);
        } else if (frame instanceof Http2ResetFrame reset) {
            end(answers.reset(reset, System.nanoTime() - startedNanos, deadlineNanos));
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        Http2Headers headers = frame.headers();
        if (deframer == null) {
            RpcException notGrpc = answers.httpFailure(headers);
            if (notGrpc != null) {
                end(notGrpc);
                return;
            }
            deframer = Answers.deframer(ctx.alloc(), maxMessageBytes, headers);
        }
        if (frame.isEndStream()) {
            RpcException failed = answers.trailersFailure(headers);
            end(
                    failed != null || !deframer.partial()
                            ? failed
                            : answers.failure(GrpcStatus.INTERNAL, "the stream ended inside a message"));
        }
    }

    private void onData(Http2DataFrame data) {
        if (deframer == null) {
            end(answers.failure(GrpcStatus.INTERNAL, "a message before the response headers"));
            return;
        }
        java.util.List<byte[]> messages = new java.util.ArrayList<>(1);
        try {
            deframer.add(data.content(), messages::add);
            for (byte[] message : messages) {
                unread.add(marshaller.response(message));
            }
        } catch (MessageDeframer.StatusException e) {
            end(answers.refused(e));
            return;
        } catch (IOException | RuntimeException e) {
            end(answers.unreadable(e));
            return;
        }
        if (unread.size() >= MAX_UNREAD) {
            ctx.channel().config().setAutoRead(false);
        }
        if (data.isEndStream()) {
            end(answers.failure(GrpcStatus.INTERNAL, "the stream ended without trailers"));
            return;
        }
        drain();
    }

    /** The stream's end: {@code null} for the server's OK, else the failure the subscriber gets. */
    private void end(RpcException outcome) {
        if (ended) {
            return;
        }
        ended = true;
        failure = outcome;
        if (outcome != null) {
            // what was not delivered is dropped: the error goes out now
            unread.clear();
        }
        drain();
        finish();
    }

    private void drain() {
        if (subscriber == null || signalled) {
            return;
        }
        while (demand > 0 && !unread.isEmpty()) {
            demand--;
            subscriber.onNext(unread.poll());
            if (signalled) {
                return;
            }
        }
        if (!ended && unread.size() < MAX_UNREAD && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (ended && unread.isEmpty()) {
            signalled = true;
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }
    }

    /** Stops the timer and closes the stream: a reset when the answer has not ended. */
    private void finish() {
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof Http2GoAwayFrame goAway) {
            ReferenceCountUtil.release(goAway);
            end(answers.goneAway());
            return;
        }
        context.fireUserEventTriggered(event);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        end(answers.closed());
        release();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        end(new RpcException(ErrorCode.NETWORK, false, answers.where() + ": " + cause, cause));
    }

    private void release() {
        if (timer != null) {
            timer.cancel(false);
        }
        if (deframer != null) {
            deframer.release();
            deframer = null;
        }
    }
}
