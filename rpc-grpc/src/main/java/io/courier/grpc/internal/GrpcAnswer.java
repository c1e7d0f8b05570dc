package io.courier.grpc.internal;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The answer of one gRPC call: a unary method's message, or a stream method's messages asked for one
 * at a time while the HTTP/2 stream can take them, then the trailers. The call it answers ends it.
 */
final class GrpcAnswer {

    /** The call being answered, as its answer sees it. */
    interface Call {
        /** Whether the call has ended (answered, refused or reset): nothing more is written. */
        boolean ended();

        void finish(GrpcStatus status, String message);

        void finish(GrpcStatus status, String message, Map<String, String> trailers);
    }

    private final GrpcStream stream;
    private final GrpcResponse response;
    private final Call call;
    private volatile Flow.Subscription subscription;

    GrpcAnswer(GrpcStream stream, GrpcResponse response, Call call) {
        this.stream = stream;
        this.response = response;
        this.call = call;
    }

    /** Writes {@code result} of a call to {@code method}: one message, or a publisher's, then the trailers. */
    void answered(GrpcMethod method, RpcResult result) {
        if (call.ended()) {
            return;
        }
        if (result.hasException()) {
            Throwable exception = result.exception();
            // nothing was sent yet: one trailers-only block carries the leading attachments too
            call.finish(
                    GrpcStatus.UNKNOWN,
                    exception.getMessage() == null ? exception.getClass().getName() : exception.getMessage(),
                    result.attachments());
            return;
        }
        Map<String, String> trailers = trailing(result);
        if (!method.kind().serverStreams()) {
            if (result.value() == null) {
                call.finish(GrpcStatus.INTERNAL, method.descriptor().name() + " returned null (expected: a message)");
                return;
            }
            ByteBuf frame;
            try {
                frame = method.response().frame(result.value(), stream.alloc());
            } catch (RuntimeException e) {
                call.finish(GrpcStatus.INTERNAL, "the provider could not write its answer: " + e.getMessage());
                return;
            }
            // written with the trailers' flush: one flush per unary answer
            response.headers(result.leadingAttachments());
            response.message(frame, false);
            call.finish(GrpcStatus.OK, null, trailers);
            return;
        }
        if (!(result.value() instanceof Flow.Publisher<?> publisher)) {
            call.finish(GrpcStatus.INTERNAL, method.descriptor().name() + " returned no Flow.Publisher");
            return;
        }
        response.headers(result.leadingAttachments());
        @SuppressWarnings("unchecked")
        Flow.Publisher<Object> messages = (Flow.Publisher<Object>) publisher;
        messages.subscribe(new Messages(method, trailers));
    }

    /** The result's attachments that go in the trailers: all but those the headers carry. */
    private static Map<String, String> trailing(RpcResult result) {
        Map<String, String> leading = result.leadingAttachments();
        if (leading.isEmpty()) {
            return result.attachments();
        }
        Map<String, String> trailers = new java.util.HashMap<>(result.attachments());
        trailers.keySet().removeAll(leading.keySet());
        return trailers;
    }

    /** Writes a stream method's messages, asking for more while the HTTP/2 stream can take them. */
    private final class Messages implements Flow.Subscriber<Object> {
        private final GrpcMethod method;
        private final Map<String, String> trailers;

        Messages(GrpcMethod method, Map<String, String> trailers) {
            this.method = method;
            this.trailers = trailers;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            GrpcAnswer.this.subscription = subscription;
            stream.executor().execute(() -> {
                if (call.ended()) {
                    subscription.cancel();
                } else {
                    subscription.request(1);
                }
            });
        }

        @Override
        public void onNext(Object item) {
            stream.executor().execute(() -> {
                if (call.ended()) {
                    return;
                }
                ByteBuf frame;
                try {
                    frame = method.response().frame(item, stream.alloc());
                } catch (RuntimeException e) {
                    call.finish(GrpcStatus.INTERNAL, "the provider could not write a message: " + e.getMessage());
                    return;
                }
                response.message(frame, true);
                if (stream.isWritable()) {
                    requestMore();
                }
            });
        }

        @Override
        public void onError(Throwable failure) {
            stream.executor().execute(() -> {
                Throwable cause = RpcException.unwrap(failure);
                if (cause instanceof RpcException rpc) {
                    call.finish(GrpcStatus.of(rpc), rpc.getMessage(), trailers);
                } else {
                    call.finish(
                            GrpcStatus.UNKNOWN,
                            cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage(),
                            trailers);
                }
            });
        }

        @Override
        public void onComplete() {
            stream.executor().execute(() -> call.finish(GrpcStatus.OK, null, trailers));
        }
    }

    /** Asks the publisher for one more message, the HTTP/2 stream being writable again. */
    void requestMore() {
        Flow.Subscription current = subscription;
        if (current != null && !call.ended()) {
            current.request(1);
        }
    }

    /** Cancels the publisher's subscription, if there is one. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
