package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.grpc.GrpcStatus;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * The answer of a stream call (server, client or bidirectional) on its HTTP/2 stream, as the {@link
 * Flow.Publisher} a proxy's stream method reads (a client stream's one answer is its only message): the server's messages go to the one subscriber as it requests them, then its end (the
 * trailers' status: completion, or the failure {@link Answers} makes of it). Back-pressure is HTTP/2's:
 * past {@value #MAX_UNREAD} messages the subscriber has not asked for, the stream stops reading, so its
 * flow-control window closes and the server waits. {@code cancel()} resets the stream. The subscriber is
 * called serially on the stream's event loop; it must not block.
 */
final class ServerStreamCall extends StreamAnswer implements Flow.Publisher<Object>, Flow.Subscription {

    /** Messages read and not yet asked for, past which the stream stops reading. */
    static final int MAX_UNREAD = 32;

    private final MethodMarshaller marshaller;
    private final ArrayDeque<Object> unread = new ArrayDeque<>();
    // on the event loop only
    private Flow.Subscriber<? super Object> subscriber;
    private long demand;
    private RpcException failure;
    private boolean ended;
    private boolean signalled;
    /** The caller's messages of a client or bidirectional stream, or {@code null}. */
    private volatile RequestStream requests;

    /** @param deadlineNanos how long the whole stream may last (the caller's deadline), or 0 for no limit */
    ServerStreamCall(Answers answers, MethodMarshaller marshaller, int maxMessageBytes, long deadlineNanos) {
        super(answers, maxMessageBytes, deadlineNanos);
        this.marshaller = marshaller;
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
                fail(new RpcException(ErrorCode.BAD_REQUEST, false, "request(" + n + ") (expected: > 0)", null));
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
    boolean over() {
        return ended;
    }

    @Override
    void message(byte[] bytes) throws IOException {
        unread.add(marshaller.response(bytes));
    }

    @Override
    void afterData() {
        if (unread.size() >= MAX_UNREAD) {
            ctx.channel().config().setAutoRead(false);
        }
        drain();
    }

    @Override
    void trailers(RpcException failure, boolean partialMessage) {
        end(
                failure != null || !partialMessage
                        ? failure
                        : answers.failure(GrpcStatus.INTERNAL, "the stream ended inside a message"));
    }

    @Override
    void fail(RpcException failure) {
        end(failure);
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

    /** The caller's messages, which stop being asked for when the stream ends. */
    void requests(RequestStream requests) {
        this.requests = requests;
    }

    /** Stops the timer and the caller's messages, and closes the stream: a reset when the answer has not ended. */
    private void finish() {
        cancelTimer();
        RequestStream caller = requests;
        if (caller != null) {
            caller.cancel();
        }
        ctx.close();
    }
}
