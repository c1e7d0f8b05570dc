package io.courier.transport;

import io.courier.api.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The connections a {@link CallProtocol}'s client keeps, one per provider, as Dubbo's and gRPC's
 * consumers do: an event loop of the client's own (at most two threads, as every call to a provider
 * shares one connection), a bootstrap with the transport's socket options and connect timeout, and the
 * table of providers' connections, each connected when first asked for and closed once idle when no
 * reference leases it any more. Thread-safe.
 *
 * @param <C> the protocol's connection to one provider, usually on a {@link KeptConnection}
 */
public final class KeptConnections<C extends KeptConnections.Connection> implements AutoCloseable {

    /** The protocol's connection to one provider. */
    public interface Connection {

        /** The connected channel, or the connect under way; see {@link KeptConnection#channel()}. */
        CompletableFuture<Channel> channel();

        /** No lease is left: closes once the calls in flight have ended. */
        void closeWhenIdle();

        /** Closes at once. */
        void close();
    }

    /** Makes the connection to one provider, on the client's bootstrap and event loop. */
    public interface Opener<C> {
        C open(Endpoint endpoint, Bootstrap bootstrap, EventLoopGroup group);
    }

    private final String client;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Opener<C> opener;
    private final Map<Endpoint, C> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param client the client's name in messages, e.g. {@code "Dubbo client"}
     * @param threads the prefix of the event loop's daemon threads, e.g. {@code "courier-dubbo-client"}
     * @param transport the application client's options: I/O threads and connect timeout
     * @param pipeline sets up the pipeline of every new connection
     */
    public KeptConnections(
            String client,
            String threads,
            TransportOptions transport,
            Consumer<SocketChannel> pipeline,
            Opener<C> opener) {
        this.client = client;
        this.opener = opener;
        this.group = new NioEventLoopGroup(Math.min(2, transport.ioThreads()), new DefaultThreadFactory(threads, true));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, transport.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        pipeline.accept(channel);
                    }
                });
    }

    /**
     * The connection to {@code endpoint}, opened (and its connect started, so that the endpoint is
     * available by the first call) when first asked for.
     *
     * @throws IllegalStateException once closed
     */
    public C connection(Endpoint endpoint) {
        if (closed) {
            throw new IllegalStateException(client + " closed");
        }
        return connections.computeIfAbsent(endpoint, this::open);
    }

    private C open(Endpoint endpoint) {
        C connection = opener.open(endpoint, bootstrap, group);
        connection.channel();
        return connection;
    }

    /** No reference leases {@code endpoint} any more: its connection closes once idle. */
    public void closeEndpoint(Endpoint endpoint) {
        C connection = connections.remove(endpoint);
        if (connection != null) {
            connection.closeWhenIdle();
        }
    }

    /** Closes every connection, then stops the event loop (waiting up to 5 s). */
    @Override
    public void close() {
        closed = true;
        for (C connection : List.copyOf(connections.values())) {
            connection.close();
        }
        connections.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
