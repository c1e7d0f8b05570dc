package io.courier.transport;

import io.courier.api.Endpoint;
import io.courier.api.Identity;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.protocol.ServiceResolver;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.List;
import java.util.function.Supplier;

/**
 * One connection a {@link PortProtocol} serves, and the way into the provider: the server's
 * services, the peer's address and verified identity, and {@link #submit}, which runs a call as
 * Courier's own calls run (the service's executor and its refusals, the request's {@link
 * io.courier.api.RpcContext}, the service's filter chain, the server's graceful drain). Thread-safe.
 */
public interface PortConnection {

    /** The connection's channel. */
    Channel channel();

    /** The channel's pipeline, where the protocol adds its handlers at the end. */
    ChannelPipeline pipeline();

    /** The services the server serves, by service key. */
    ServiceResolver<ServiceExport> services();

    /**
     * Every service the server serves now (a snapshot), for protocols that list them (gRPC's server
     * reflection); empty when the server was started with a {@link ServiceResolver} that is not a
     * {@link ServiceTable}, which can only find.
     */
    List<ServiceExport> exported();

    /** The peer's address, for {@link io.courier.api.RpcContext#remoteEndpoint()}; may be null. */
    Endpoint remote();

    /** The identity of the client certificate TLS verified, or {@code null} (no TLS, no certificate). */
    Identity peer();

    /** Whether the server is closing: new calls are refused {@code GOING_AWAY}, not executed. */
    boolean draining();

    /**
     * Runs one call of {@code method} of {@code service} on its executor (or, under the adaptive pool, on
     * this connection's IO thread once the method has shown itself fast, as Courier's own calls do):
     * there {@code request} decodes the invocation
     * (a {@link io.courier.api.RpcException} it throws, or any other failure as {@code BAD_REQUEST}, ends
     * the call unrun), and the service's invoker runs it with the request's {@link
     * io.courier.api.RpcContext} installed. When the executor is full, or the server is draining, the
     * call is refused at once through {@code callback}, not executed. The server's graceful close waits
     * for submitted calls to end.
     *
     * @return the handle to cancel the call; a refused call's handle does nothing
     */
    ProviderCall submit(
            ServiceExport service, MethodDescriptor method, Supplier<Invocation> request, CallCallback callback);

    /**
     * What the protocol does when the server starts its graceful close (send its own "going away", such
     * as HTTP/2's GOAWAY, and close the channel once its calls have ended). Run once, on the event
     * loop; without it the connection is closed at once. The server closes the channel at its
     * shutdown deadline in any case.
     */
    void onGoAway(Runnable goAway);

    /**
     * Writes {@code message} (for the pipeline, usually an encoded {@code ByteBuf}) after what this
     * connection sent before, batched as Courier's own answers are: on the event loop it is written at
     * once, from any other thread queued, and each event-loop turn flushes once for all of them, so
     * answers computed on many threads share system calls. Released if the connection has closed.
     * From any thread.
     */
    void send(Object message);

    /** Closes the connection once everything {@linkplain #send sent} before is flushed to the socket. */
    void closeWhenSent();
}
