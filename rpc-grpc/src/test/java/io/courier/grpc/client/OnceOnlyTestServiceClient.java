package io.courier.grpc.client;

import io.courier.grpc.GrpcService;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;

/**
 * {@code grpc.testing.TestService}'s {@code UnaryCall} as a method that is not idempotent: the cluster
 * retries it only after a failure that proves it did not run.
 */
@GrpcService("grpc.testing.TestService")
public interface OnceOnlyTestServiceClient {

    SimpleResponse unaryCall(SimpleRequest request);
}
