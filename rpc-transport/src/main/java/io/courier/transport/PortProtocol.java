package io.courier.transport;

import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A protocol served on a {@link io.courier.transport.TransportServer}'s port beside Courier's own
 * (gRPC's HTTP/2, say), told apart by each connection's first bytes. Extension point: given to
 * {@link io.courier.transport.TransportServer#start(java.net.InetSocketAddress,
 * io.courier.transport.TransportOptions, io.courier.protocol.serialization.Serializers,
 * io.courier.protocol.ServiceResolver, java.util.List)} by whoever starts the server.
 *
 * <p>For each new connection (after TLS, when TLS is on) the server offers the bytes received so far
 * to each protocol in order, until one answers {@link Detection#MATCH}; a connection whose first byte
 * is Courier's magic is Courier's at once, and one no protocol claims within {@link
 * #MAX_PREFACE_BYTES} bytes goes to Courier's decoder, which refuses what it cannot read. A connection
 * that decides nothing within the server's frame deadline is closed. Implementations are thread-safe
 * and shared by every connection.
 */
public interface PortProtocol {

    /** The most bytes a protocol may ask to see ({@link Detection#NEED_MORE}) before it must decide. */
    int MAX_PREFACE_BYTES = 64;

    /** A short name for logs and errors, e.g. {@code "grpc"}. */
    String name();

    /**
     * The ALPN protocol ids that name this protocol in a TLS handshake ({@code "h2"} for HTTP/2), which
     * the server offers when TLS is on; a client that asks for none of them still reaches the server,
     * and its first bytes decide as without TLS. None by default.
     */
    default List<String> alpnIds() {
        return List.of();
    }

    /**
     * Judges the first bytes of a connection, from its reader index on. Must neither move the indexes
     * nor release the buffer; called on the connection's event loop, again as more bytes arrive while
     * it answers {@link Detection#NEED_MORE}.
     */
    Detection detect(ByteBuf firstBytes);

    /**
     * What this protocol adds to the registry entry of {@code service}: entries a registry that knows the
     * protocol's own layout acts on (Dubbo's ZooKeeper layout reads {@link
     * io.courier.api.ServiceInstance#METADATA_DUBBO_URL_PARAMETERS}). None by default; called once per
     * exported service, before it is registered.
     */
    default Map<String, String> registryMetadata(ServiceExport service) {
        return Map.of();
    }

    /**
     * Checks, when {@code service} is exported, that this protocol can serve it as the service declares
     * itself (REST: the mapping of its annotations), and prepares to. Accepts every service by default;
     * called once per exported service, before it is served or registered, off the event loops.
     *
     * @throws IllegalArgumentException saying what of the service this protocol cannot serve; the export
     *     fails with that message
     */
    default void check(ServiceExport service) {}

    /**
     * The description of {@code service} in this protocol's own schema language (gRPC: the service's
     * {@code .proto}), which the admin endpoint serves ({@code GET /schema/<protocol>/<service>}); empty
     * when the protocol describes no such thing. Empty by default; called off the event loops, may take
     * a few milliseconds.
     */
    default Optional<String> describe(ServiceExport service) {
        return Optional.empty();
    }

    /**
     * Takes over a connection this protocol matched: adds its handlers at the end of {@link
     * PortConnection#pipeline()} (the bytes read so far reach them first) and, for a graceful close,
     * registers {@link PortConnection#onGoAway}. Called once, on the connection's event loop.
     */
    void serve(PortConnection connection);
}
