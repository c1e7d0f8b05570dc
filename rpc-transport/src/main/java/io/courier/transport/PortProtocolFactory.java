package io.courier.transport;

import io.courier.spi.ExtensionPoint;

/**
 * The extension point that puts another protocol on an application's provider port: the bootstrap
 * asks every factory listed in {@code META-INF/services/io.courier.transport.PortProtocolFactory} for
 * its {@link PortProtocol} when it starts the application's server, so a module such as
 * {@code rpc-grpc} serves its protocol by being on the class path. A factory reads its own
 * configuration keys (declared in its module's {@link io.courier.api.config.ConfigKeyCatalog}) from
 * the {@link PortProtocolContext}. Name it with {@link io.courier.spi.Extension}; protocols are asked
 * about a connection in the order of their names.
 */
@ExtensionPoint
@FunctionalInterface
public interface PortProtocolFactory {

    /**
     * The protocol for one server, or {@code null} when the application's configuration turns it off.
     *
     * @throws IllegalArgumentException if its configuration is invalid (the message names the key)
     */
    PortProtocol create(PortProtocolContext context);
}
