package io.courier.grpc;

import io.courier.grpc.internal.client.GrpcClient;
import io.courier.grpc.internal.client.MethodMarshallers;
import io.courier.spi.Extension;
import io.courier.transport.CallProtocol;
import io.courier.transport.CallProtocolContext;
import io.courier.transport.CallProtocolFactory;

/**
 * Makes the client by which a Courier consumer calls gRPC servers: the instances a reference calls by
 * {@code grpc} (a {@code grpc://host:port} address, an instance registered with {@code
 * call-protocol=grpc}, or one listing {@code grpc} for a reference that prefers it). See {@code
 * docs/grpc.md}, "Courier calling gRPC".
 */
@Extension("grpc")
public final class GrpcCallProtocolFactory implements CallProtocolFactory {

    @Override
    public CallProtocol create(CallProtocolContext context) {
        return new GrpcClient(
                GrpcOptions.builder()
                        .maxMessageBytes(context.setting(GrpcKeys.MAX_MESSAGE_BYTES))
                        .maxHeaderListBytes(context.setting(GrpcKeys.MAX_HEADER_LIST_BYTES))
                        .build(),
                context.clientOptions(),
                MethodMarshallers.ALL);
    }
}
