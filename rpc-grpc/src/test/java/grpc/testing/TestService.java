package grpc.testing;

import io.grpc.testing.integration.EmptyProtos.Empty;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import io.grpc.testing.integration.Messages.StreamingInputCallRequest;
import io.grpc.testing.integration.Messages.StreamingInputCallResponse;
import io.grpc.testing.integration.Messages.StreamingOutputCallRequest;
import io.grpc.testing.integration.Messages.StreamingOutputCallResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * gRPC's interop service {@code grpc.testing.TestService} as a plain Courier interface on the
 * protoc-generated messages of grpc-java's interop suite: its package and name are the gRPC service's,
 * so {@link io.courier.grpc.GrpcNames} maps it to the paths grpc-java's interop client calls.
 * {@code UnimplementedCall} is left out on purpose: the client expects {@code UNIMPLEMENTED} for it.
 */
public interface TestService {

    Empty emptyCall(Empty request);

    SimpleResponse unaryCall(SimpleRequest request);

    Flow.Publisher<StreamingOutputCallResponse> streamingOutputCall(StreamingOutputCallRequest request);

    CompletableFuture<StreamingInputCallResponse> streamingInputCall(
            Flow.Publisher<StreamingInputCallRequest> requests);

    Flow.Publisher<StreamingOutputCallResponse> fullDuplexCall(Flow.Publisher<StreamingOutputCallRequest> requests);
}
