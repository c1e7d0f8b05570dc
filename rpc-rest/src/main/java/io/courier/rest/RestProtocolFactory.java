package io.courier.rest;

import io.courier.spi.Extension;
import io.courier.transport.PortProtocol;
import io.courier.transport.PortProtocolContext;
import io.courier.transport.PortProtocolFactory;

/** Makes {@link RestProtocol} for a provider, unless {@code courier.rest.enabled} is false. */
@Extension("rest")
public final class RestProtocolFactory implements PortProtocolFactory {

    @Override
    public PortProtocol create(PortProtocolContext context) {
        if (!context.setting(RestKeys.ENABLED)) {
            return null;
        }
        return new RestProtocol(
                context.setting(RestKeys.MAX_BODY_BYTES), context.setting(RestKeys.REQUEST_DEADLINE_MILLIS));
    }
}
