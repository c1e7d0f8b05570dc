package io.courier.grpc.client;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpc.testing.integration.Messages.Payload;
import io.grpc.testing.integration.Messages.ResponseParameters;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import io.grpc.testing.integration.Messages.StreamingInputCallRequest;
import io.grpc.testing.integration.Messages.StreamingInputCallResponse;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import io.grpc.testing.integration.TestServiceGrpc;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain grpc-java server of {@code grpc.testing.TestService}, nothing of Courier's: run in a child JVM
 * by {@link GrpcClientFailoverTest} (and in-process by the other client tests). {@code UnaryCall} answers
 * with the server's name as {@code hostname}, the request metadata it saw (sorted, {@code name=value;})
 * as {@code username}, the calls it has taken as {@code server_id}; it sleeps {@code response_size}
 * milliseconds first, and fails with {@code response_status} when the request sets one. Every answer
 * carries the header {@code x-server} and the trailer {@code x-served-by}.
 */
public final class StockGrpcServer extends TestServiceGrpc.TestServiceImplBase {

    private static final Context.Key<String> SEEN = Context.key("seen-metadata");

    private final String name;
    private final AtomicInteger calls = new AtomicInteger();

    StockGrpcServer(String name) {
        this.name = name;
    }

    /** Starts the server {@code name} on {@code port} (0 for any). */
    static Server start(String name, int port) throws java.io.IOException {
        return ServerBuilder.forPort(port)
                .addService(ServerInterceptors.intercept(new StockGrpcServer(name), new MetadataEcho(name)))
                .build()
                .start();
    }

    /** {@code main(name, port)}: serves until killed, after printing {@code READY <port>}. */
    public static void main(String[] args) throws Exception {
        Server server = start(args[0], Integer.parseInt(args[1]));
        System.out.println("READY " + server.getPort());
        System.out.flush();
        server.awaitTermination();
    }

    @Override
    public void unaryCall(SimpleRequest request, StreamObserver<SimpleResponse> answer) {
        int taken = calls.incrementAndGet();
        if (request.getResponseSize() > 0) {
            try {
                Thread.sleep(request.getResponseSize());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (request.hasResponseStatus() && request.getResponseStatus().getCode() != 0) {
            answer.onError(Status.fromCodeValue(request.getResponseStatus().getCode())
                    .withDescription(request.getResponseStatus().getMessage())
                    .asRuntimeException());
            return;
        }
        answer.onNext(SimpleResponse.newBuilder()
                .setHostname(name)
                .setUsername(SEEN.get())
                .setServerId(Integer.toString(taken))
                .build());
        answer.onCompleted();
    }

    /**
     * One message per {@code response_parameters} entry, its payload that many bytes; then the {@code
     * response_status} when the request sets one, else the end.
     */
    @Override
    public void streamingOutputCall(
            StreamingOutputCallRequest request, StreamObserver<StreamingOutputCallResponse> answer) {
        for (ResponseParameters parameters : request.getResponseParametersList()) {
            answer.onNext(StreamingOutputCallResponse.newBuilder()
                    .setPayload(Payload.newBuilder().setBody(ByteString.copyFrom(new byte[parameters.getSize()])))
                    .build());
        }
        if (request.hasResponseStatus() && request.getResponseStatus().getCode() != 0) {
            answer.onError(Status.fromCodeValue(request.getResponseStatus().getCode())
                    .withDescription(request.getResponseStatus().getMessage())
                    .asRuntimeException());
            return;
        }
        answer.onCompleted();
    }

    /** Answers the sum of the request payloads' sizes once the caller's stream ends. */
    @Override
    public StreamObserver<StreamingInputCallRequest> streamingInputCall(
            StreamObserver<StreamingInputCallResponse> answer) {
        return new StreamObserver<>() {
            private int total;

            @Override
            public void onNext(StreamingInputCallRequest request) {
                total += request.getPayload().getBody().size();
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                answer.onNext(StreamingInputCallResponse.newBuilder()
                        .setAggregatedPayloadSize(total)
                        .build());
                answer.onCompleted();
            }
        };
    }

    /** Answers each request with its {@code response_parameters}' messages; ends when the caller's stream does. */
    @Override
    public StreamObserver<StreamingOutputCallRequest> fullDuplexCall(
            StreamObserver<StreamingOutputCallResponse> answer) {
        return new StreamObserver<>() {
            @Override
            public void onNext(StreamingOutputCallRequest request) {
                for (ResponseParameters parameters : request.getResponseParametersList()) {
                    answer.onNext(StreamingOutputCallResponse.newBuilder()
                            .setPayload(
                                    Payload.newBuilder().setBody(ByteString.copyFrom(new byte[parameters.getSize()])))
                            .build());
                }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                answer.onCompleted();
            }
        };
    }

    /** Keeps the request metadata for the service, and adds the server's name to the answer's metadata. */
    private record MetadataEcho(String name) implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            StringBuilder seen = new StringBuilder();
            TreeMap<String, String> sorted = new TreeMap<>();
            for (String key : headers.keys()) {
                if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    sorted.put(key, headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)));
                }
            }
            io.grpc.Deadline deadline = Context.current().getDeadline();
            if (deadline != null) {
                // the caller's grpc-timeout, as the server's deadline
                sorted.put("(deadline-millis)", Long.toString(deadline.timeRemaining(TimeUnit.MILLISECONDS)));
            }
            sorted.forEach(
                    (key, value) -> seen.append(key).append('=').append(value).append(';'));
            ServerCall<Q, A> named = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                @Override
                public void sendHeaders(Metadata responseHeaders) {
                    responseHeaders.put(Metadata.Key.of("x-server", Metadata.ASCII_STRING_MARSHALLER), name);
                    super.sendHeaders(responseHeaders);
                }

                @Override
                public void close(Status status, Metadata trailers) {
                    trailers.put(Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER), name);
                    super.close(status, trailers);
                }
            };
            Context context = Context.current().withValue(SEEN, seen.toString());
            return Contexts.interceptCall(context, named, headers, next);
        }
    }
}
