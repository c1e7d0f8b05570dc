package io.courier.grpc;

import io.courier.spi.Extension;
import io.courier.transport.PortProtocol;
import io.courier.transport.PortProtocolContext;
import io.courier.transport.PortProtocolFactory;

/** Serves gRPC on every application's provider port while {@link GrpcKeys#ENABLED} is on (the default). */
@Extension("grpc")
public final class GrpcProtocolFactory implements PortProtocolFactory {

    @Override
    public PortProtocol create(PortProtocolContext context) {
        if (!context.setting(GrpcKeys.ENABLED)) {
            return null;
        }
        return new GrpcProtocol(new GrpcOptions(
                context.setting(GrpcKeys.MAX_MESSAGE_BYTES),
                context.setting(GrpcKeys.MAX_CONCURRENT_STREAMS),
                context.setting(GrpcKeys.MAX_HEADER_LIST_BYTES)));
    }
}
