package io.courier.transport.internal.stream;

import io.courier.api.Endpoint;
import io.courier.api.Identity;
import io.netty.channel.Channel;

/**
 * The server connection a provider's streams run on, as they see it. The server's connection
 * implements it, so that the streams do not reach up to the server package that opens them.
 */
public interface StreamConnection {

    Channel channel();

    /** The consumer at the other end. */
    Endpoint remote();

    /** The consumer's verified identity, or an anonymous one without mutual TLS. */
    Identity peer();

    /** Whether the connection is closing gracefully, so that no new stream may open. */
    boolean draining();

    /** Called once for every stream that ends, so that a draining connection can close after the last. */
    void streamEnded();
}
