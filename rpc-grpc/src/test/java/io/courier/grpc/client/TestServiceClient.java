package io.courier.grpc.client;

import io.courier.api.Idempotent;
import io.courier.grpc.GrpcService;
import io.grpc.testing.integration.EmptyProtos.Empty;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;

/**
 * What a Courier consumer calls of a stock server's {@code grpc.testing.TestService}: two of its methods,
 * named by {@link GrpcService}, plus one the server does not have. {@code unaryCall} is idempotent, so
 * the cluster may retry it after a failure in flight.
 */
@GrpcService("grpc.testing.TestService")
public interface TestServiceClient {

    @Idempotent
    SimpleResponse unaryCall(SimpleRequest request);

    Empty emptyCall(Empty request);

    /** Not a method of the server's service: the server answers {@code UNIMPLEMENTED}. */
    Empty noSuchCall(Empty request);

    /** Not protobuf: refused before anything is sent. */
    String plainCall(String name);
}
