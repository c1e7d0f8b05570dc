package io.courier.rest;

import io.courier.rest.internal.RestClient;
import io.courier.spi.Extension;
import io.courier.transport.CallProtocol;
import io.courier.transport.CallProtocolContext;
import io.courier.transport.CallProtocolFactory;

/**
 * Makes the client by which a Courier reference calls REST services by its interface's JAX-RS
 * annotations: direct addresses {@code rest://host:port}, or registry entries whose {@code
 * call-protocol} is {@code rest}.
 */
@Extension("rest")
public final class RestCallProtocolFactory implements CallProtocolFactory {

    @Override
    public CallProtocol create(CallProtocolContext context) {
        return new RestClient(context.clientOptions());
    }
}
