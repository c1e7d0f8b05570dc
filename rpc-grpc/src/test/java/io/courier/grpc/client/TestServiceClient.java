package io.courier.grpc.client;

import io.courier.api.Idempotent;
import io.courier.grpc.GrpcService;
import io.grpc.testing.integration.EmptyProtos.Empty;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import io.grpc.testing.integration.Messages.StreamingInputCallRequest;
import io.grpc.testing.integration.Messages.StreamingInputCallResponse;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * What a Courier consumer calls of a stock server's {@code grpc.testing.TestService}, named by {@link
 * GrpcService}: two unary methods and the three stream kinds of the service, one method the server does not have
 * and one gRPC cannot carry. {@code unaryCall} is idempotent, so the cluster may retry it after a failure
 * in flight.
 */
@GrpcService("grpc.testing.TestService")
public interface TestServiceClient {

    @Idempotent
    SimpleResponse unaryCall(SimpleRequest request);

    Empty emptyCall(Empty request);

    /** A server stream. */
    Flow.Publisher<StreamingOutputCallResponse> streamingOutputCall(StreamingOutputCallRequest request);

    /** A client stream. */
    CompletableFuture<StreamingInputCallResponse> streamingInputCall(
            Flow.Publisher<StreamingInputCallRequest> requests);

    /** A bidirectional stream. */
    Flow.Publisher<StreamingOutputCallResponse> fullDuplexCall(Flow.Publisher<StreamingOutputCallRequest> requests);

    /** Not a method of the server's service: the server answers {@code UNIMPLEMENTED}. */
    Empty noSuchCall(Empty request);

    /** A list of lists has no protobuf form, derived or generated: refused before anything is sent. */
    List<List<String>> plainCall(List<List<String>> names);
}
