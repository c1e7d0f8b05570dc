package io.courier.grpc;

import com.google.protobuf.ByteString;
import grpc.testing.TestService;
import io.grpc.testing.integration.EmptyProtos.Empty;
import io.grpc.testing.integration.Messages.Payload;
import io.grpc.testing.integration.Messages.ResponseParameters;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import io.grpc.testing.integration.Messages.StreamingInputCallRequest;
import io.grpc.testing.integration.Messages.StreamingInputCallResponse;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** {@link TestService} as gRPC's interop spec describes its server, written as an ordinary Courier service. */
final class InteropTestService implements TestService {

    @Override
    public Empty emptyCall(Empty request) {
        return Empty.getDefaultInstance();
    }

    @Override
    public SimpleResponse unaryCall(SimpleRequest request) {
        echoStatus(
                request.hasResponseStatus() ? request.getResponseStatus().getCode() : 0,
                request.getResponseStatus().getMessage());
        return SimpleResponse.newBuilder()
                .setPayload(payload(request.getResponseSize()))
                .build();
    }

    @Override
    public Flow.Publisher<StreamingOutputCallResponse> streamingOutputCall(StreamingOutputCallRequest request) {
        List<StreamingOutputCallResponse> responses = new ArrayList<>();
        for (ResponseParameters parameters : request.getResponseParametersList()) {
            responses.add(response(parameters));
        }
        return new ListPublisher<>(responses);
    }

    @Override
    public CompletableFuture<StreamingInputCallResponse> streamingInputCall(
            Flow.Publisher<StreamingInputCallRequest> requests) {
        CompletableFuture<StreamingInputCallResponse> result = new CompletableFuture<>();
        requests.subscribe(new Flow.Subscriber<>() {
            private long size;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(StreamingInputCallRequest item) {
                size += item.getPayload().getBody().size();
            }

            @Override
            public void onError(Throwable failure) {
                result.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                result.complete(StreamingInputCallResponse.newBuilder()
                        .setAggregatedPayloadSize((int) size)
                        .build());
            }
        });
        return result;
    }

    @Override
    public Flow.Publisher<StreamingOutputCallResponse> fullDuplexCall(
            Flow.Publisher<StreamingOutputCallRequest> requests) {
        return new EchoProcessor<>(requests, request -> {
            echoStatus(
                    request.hasResponseStatus() ? request.getResponseStatus().getCode() : 0,
                    request.getResponseStatus().getMessage());
            List<StreamingOutputCallResponse> responses = new ArrayList<>();
            for (ResponseParameters parameters : request.getResponseParametersList()) {
                responses.add(response(parameters));
            }
            return responses;
        });
    }

    /** A request asking for a status other than OK fails with its message, which gRPC reports as UNKNOWN (2). */
    private static void echoStatus(int code, String message) {
        if (code == 2) {
            throw new IllegalStateException(message);
        }
        if (code != 0) {
            throw new UnsupportedOperationException("status " + code + " (expected: 0 or 2)");
        }
    }

    private static StreamingOutputCallResponse response(ResponseParameters parameters) {
        return StreamingOutputCallResponse.newBuilder()
                .setPayload(payload(parameters.getSize()))
                .build();
    }

    private static Payload payload(int size) {
        return Payload.newBuilder().setBody(ByteString.copyFrom(new byte[size])).build();
    }
}
