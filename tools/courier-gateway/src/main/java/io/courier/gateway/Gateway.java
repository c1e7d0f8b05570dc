package io.courier.gateway;

import io.courier.bootstrap.Courier;
import io.courier.gateway.grpcweb.GrpcUpstream;
import io.courier.gateway.limit.RateLimiter;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 gateway in front of a Courier application's generic references: {@code POST
 * /{service}/{method}} with a JSON body calls the service through the application's ordinary
 * consumer path (discovery, routing, retries, breaker, tracing, metrics, limits); {@code GET
 * /openapi.json} describes every service, {@code GET /{service}/openapi.json} one, {@code GET /docs}
 * is a page to browse and call them, {@code GET /metrics} counts.
 *
 * <p>Embed it in an application that has a registry:
 *
 * <pre>
 * try (Courier courier = Courier.builder().application("edge").registry("zookeeper://zk:2181").start();
 *      Gateway gateway = Gateway.start(courier, GatewayOptions.builder().port(8080).build())) {
 *     ...
 * }
 * </pre>
 *
 * <p>The gateway owns its lookup threads, and its event loops unless {@link
 * GatewayOptions#eventLoops()} gives the caller's, and closes what it owns; it does not close the
 * application. Given one group for both, the application's calls to providers run on the loops that
 * serve the HTTP connections, without a thread hand-off:
 *
 * <pre>
 * EventLoopGroup loops = Gateway.newEventLoops();
 * try (Courier courier = Courier.builder().application("edge").registry("zookeeper://zk:2181")
 *              .clientEventLoops(loops).start();
 *      Gateway gateway = Gateway.start(courier, GatewayOptions.builder().eventLoops(loops).build())) {
 *     ...
 * } finally {
 *     loops.shutdownGracefully();
 * }
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** Requests waiting for a lookup thread before the gateway answers 503. */
    static final int LOOKUP_QUEUE = 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    /** Whether {@link #workers} are the gateway's own, to shut down with it. */
    private final boolean ownWorkers;

    private final ThreadPoolExecutor lookups;
    private final Channel server;
    private final GatewayInitializer initializer;
    private final GrpcUpstream upstream;
    private final GatewayMetrics metrics = new GatewayMetrics();

    private Gateway(Courier courier, GatewayOptions options) {
        // native epoll where it loads: fewer system calls and less garbage per request than NIO
        EventLoopGroup given = options.eventLoops();
        boolean epoll = given != null ? given instanceof EpollEventLoopGroup : Epoll.isAvailable();
        boss = loops(epoll, 1, "courier-gateway-accept");
        ownWorkers = given == null;
        workers = ownWorkers ? loops(epoll, 0, "courier-gateway-io") : given;
        lookups = new ThreadPoolExecutor(
                2,
                2,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(LOOKUP_QUEUE),
                new DefaultThreadFactory("courier-gateway-lookup", true));
        upstream = new GrpcUpstream(workers, epoll ? EpollSocketChannel.class : NioSocketChannel.class);
        try {
            ServiceCatalog catalog = new ServiceCatalog(courier, System::nanoTime, lookups);
            // the services (and the REST routes they publish) are read now, in the background
            catalog.restAtHand();
            GatewayHandler handler = new GatewayHandler(
                    options,
                    catalog,
                    lookups,
                    new RateLimiter(options.maxRequestsPerSecond(), System::nanoTime),
                    metrics,
                    upstream);
            initializer = new GatewayInitializer(options, handler, metrics);
            server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(initializer)
                    .bind(options.host(), options.port())
                    .syncUninterruptibly()
                    .channel();
        } catch (Throwable e) {
            // also the bind's java.net.BindException, which Netty rethrows as it is, though it is checked:
            // the threads started above end with it
            shutdown();
            throw e;
        }
        log.info("Gateway listening on http://{}:{} (docs at /docs)", options.host(), port());
    }

    /**
     * A new group of event loops, Netty's default number (two per core), on native epoll where it loads (NIO elsewhere), with
     * threads named {@code courier-gateway-io-N-M}: to give to the application
     * ({@code CourierBuilder.clientEventLoops}) and to the gateway ({@link GatewayOptions#eventLoops()}).
     * The caller shuts it down after closing both.
     */
    public static EventLoopGroup newEventLoops() {
        return loops(Epoll.isAvailable(), 0, "courier-gateway-io");
    }

    private static EventLoopGroup loops(boolean epoll, int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /**
     * Starts a gateway for {@code courier}'s services.
     *
     * @throws RuntimeException if the address cannot be bound
     */
    public static Gateway start(Courier courier, GatewayOptions options) {
        return new Gateway(Objects.requireNonNull(courier, "courier"), Objects.requireNonNull(options, "options"));
    }

    /** The port the gateway listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and stops the gateway's threads. Idempotent. */
    @Override
    public void close() {
        server.close().syncUninterruptibly();
        // on the caller's loops the connections outlive the gateway unless closed here
        initializer.connections().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        shutdown();
    }

    private void shutdown() {
        upstream.close();
        lookups.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (ownWorkers) {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
