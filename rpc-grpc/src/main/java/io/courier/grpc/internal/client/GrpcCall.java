package io.courier.grpc.internal.client;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.grpc.GrpcStatus;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One unary gRPC call on its HTTP/2 stream, seen from the caller: the one response message and the
 * trailers complete the call's result with the answer (headers and trailers as its attachments), or with
 * the failure {@link Answers} makes of them. A stream refused ({@code REFUSED_STREAM}) or left out by the
 * server's {@code GOAWAY} fails "not executed", so the cluster may retry it anywhere. On the stream's
 * event loop only.
 */
final class GrpcCall extends StreamAnswer {

    private final MethodMarshaller marshaller;
    private final CompletableFuture<RpcResult> result;
    private final Map<String, String> attachments = new HashMap<>();
    private final List<byte[]> messages = new ArrayList<>(1);

    GrpcCall(
            Answers answers,
            MethodMarshaller marshaller,
            int maxMessageBytes,
            long timeoutNanos,
            CompletableFuture<RpcResult> result) {
        super(answers, maxMessageBytes, timeoutNanos);
        this.marshaller = marshaller;
        this.result = result;
    }

    @Override
    boolean over() {
        return result.isDone();
    }

    @Override
    void fail(RpcException failure) {
        cancelTimer();
        if (result.completeExceptionally(failure)) {
            ctx.close();
        }
    }

    @Override
    void message(byte[] bytes) {
        messages.add(bytes);
    }

    @Override
    void metadata(Http2Headers headers) {
        Answers.keepMetadata(headers, attachments);
    }

    @Override
    void trailers(RpcException failure, boolean partialMessage) {
        if (failure != null) {
            fail(failure);
            return;
        }
        if (messages.size() != 1 || partialMessage) {
            fail(answers.failure(
                    GrpcStatus.INTERNAL,
                    messages.size() + " response messages" + (partialMessage ? " and part of another" : "")
                            + " (expected: 1 for a unary call)"));
            return;
        }
        Object value;
        try {
            value = marshaller.response(messages.get(0));
        } catch (IOException | RuntimeException e) {
            fail(answers.unreadable(e));
            return;
        }
        cancelTimer();
        result.complete(RpcResult.of(value, Map.copyOf(attachments)));
    }
}
