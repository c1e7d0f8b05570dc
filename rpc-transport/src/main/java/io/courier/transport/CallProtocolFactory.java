package io.courier.transport;

import io.courier.spi.ExtensionPoint;

/**
 * The extension point by which a consumer calls providers of another protocol: the bootstrap finds
 * the factory named (with {@link io.courier.spi.Extension}) as an instance's {@link
 * io.courier.api.ServiceInstance#callProtocol()} among those listed in {@code
 * META-INF/services/io.courier.transport.CallProtocolFactory}, and makes its {@link CallProtocol} once
 * per application, when the first such instance is called. A module such as {@code rpc-dubbo} calls
 * Dubbo's providers by being on the class path.
 */
@ExtensionPoint
@FunctionalInterface
public interface CallProtocolFactory {

    /**
     * The protocol for one application's consumer side.
     *
     * @throws IllegalArgumentException if its configuration is invalid (the message names the key)
     */
    CallProtocol create(CallProtocolContext context);
}
