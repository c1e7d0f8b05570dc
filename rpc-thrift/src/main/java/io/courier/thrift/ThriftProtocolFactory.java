package io.courier.thrift;

import io.courier.spi.Extension;
import io.courier.transport.PortProtocol;
import io.courier.transport.PortProtocolContext;
import io.courier.transport.PortProtocolFactory;

/** Serves Thrift on every application's provider port while {@link ThriftKeys#ENABLED} is on (the default). */
@Extension("thrift")
public final class ThriftProtocolFactory implements PortProtocolFactory {

    @Override
    public PortProtocol create(PortProtocolContext context) {
        if (!context.setting(ThriftKeys.ENABLED)) {
            return null;
        }
        return new ThriftProtocol(new ThriftOptions(
                context.setting(ThriftKeys.MAX_FRAME_BYTES),
                context.setting(ThriftKeys.FRAME_DEADLINE_MILLIS),
                context.setting(ThriftKeys.MAX_DEPTH)));
    }
}
