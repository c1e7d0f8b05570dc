package io.courier.dubbo;

import io.courier.dubbo.internal.DubboClient;
import io.courier.protocol.serialization.HessianSerializer;
import io.courier.spi.Extension;
import io.courier.transport.CallProtocol;
import io.courier.transport.CallProtocolContext;
import io.courier.transport.CallProtocolFactory;

/**
 * Makes the client by which a Courier consumer calls stock Apache Dubbo providers over {@code dubbo},
 * for the instances the registry reads from Dubbo's layout ({@code courier.registry.dubbo-providers}).
 */
@Extension("dubbo")
public final class DubboCallProtocolFactory implements CallProtocolFactory {

    @Override
    public CallProtocol create(CallProtocolContext context) {
        return new DubboClient(
                DubboOptions.builder()
                        .maxBodyBytes(context.setting(DubboKeys.MAX_BODY_BYTES))
                        .frameDeadlineMillis(context.setting(DubboKeys.FRAME_DEADLINE_MILLIS))
                        .heartbeatMillis(context.setting(DubboKeys.HEARTBEAT_MILLIS))
                        .build(),
                context.clientOptions(),
                new HessianSerializer());
    }
}
