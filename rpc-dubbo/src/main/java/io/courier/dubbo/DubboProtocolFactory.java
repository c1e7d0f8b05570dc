package io.courier.dubbo;

import io.courier.spi.Extension;
import io.courier.transport.PortProtocol;
import io.courier.transport.PortProtocolContext;
import io.courier.transport.PortProtocolFactory;
import java.util.Set;

/** Makes {@link DubboProtocol} for a provider, unless {@code courier.dubbo.enabled} is false. */
@Extension("dubbo")
public final class DubboProtocolFactory implements PortProtocolFactory {

    @Override
    public PortProtocol create(PortProtocolContext context) {
        if (!context.setting(DubboKeys.ENABLED)) {
            return null;
        }
        return new DubboProtocol(DubboOptions.builder()
                .maxBodyBytes(context.setting(DubboKeys.MAX_BODY_BYTES))
                .frameDeadlineMillis(context.setting(DubboKeys.FRAME_DEADLINE_MILLIS))
                .registeredInterfaces(Set.copyOf(context.setting(DubboKeys.REGISTER)))
                .heartbeatMillis(context.setting(DubboKeys.HEARTBEAT_MILLIS))
                .servedInterfaces(Set.copyOf(context.setting(DubboKeys.SERVE)))
                .registerMode(context.setting(DubboKeys.REGISTER_MODE))
                .build());
    }
}
