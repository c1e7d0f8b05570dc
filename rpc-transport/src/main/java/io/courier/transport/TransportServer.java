package io.courier.transport;

import io.courier.protocol.ServiceResolver;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.serialization.Serializers;
import io.courier.transport.internal.EventLoops;
import io.courier.transport.internal.TlsContexts;
import io.courier.transport.internal.executor.CallPlacements;
import io.courier.transport.internal.executor.ServerContext;
import io.courier.transport.internal.executor.ServerExecutors;
import io.courier.transport.internal.executor.VirtualThreads;
import io.courier.transport.internal.server.ConnectionLimit;
import io.courier.transport.internal.server.ServerChannelInitializer;
import io.courier.transport.internal.server.ServerConnection;
import io.courier.transport.internal.stream.StreamGauges;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves exported services on one TCP port.
 *
 * <p>Connections are accepted up to {@link TransportOptions#maxConnections()} (more are closed at
 * once), closed when silent for {@link TransportOptions#idleTimeoutMillis()} or when a frame takes
 * longer than {@link TransportOptions#frameDeadlineMillis()} to arrive. Each request runs on its
 * service's executor; a request that cannot be taken is refused at once with
 * {@code SERVER_BUSY}, "not executed".
 *
 * <p>{@link #close()} is graceful: it stops accepting connections, tells every connection it is
 * going away, answers new requests with {@code GOING_AWAY} ("not executed"), waits up to
 * {@link TransportOptions#shutdownTimeoutMillis()} for the accepted calls to be answered, then
 * closes the connections, the executors and the event loops it created. Thread-safe.
 */
public final class TransportServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransportServer.class);

    private final TransportOptions options;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ServerExecutors executors;
    private final Channel serverChannel;
    private final ConnectionLimit limit;
    private final Set<ServerConnection> connections;
    private final AtomicBoolean closing;
    private final StreamGauges streamGauges;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final LongAdder cancelledBeforeRun;

    private TransportServer(
            TransportOptions options,
            EventLoopGroup bossGroup,
            EventLoopGroup workerGroup,
            ServerExecutors executors,
            Channel serverChannel,
            ConnectionLimit limit,
            Set<ServerConnection> connections,
            AtomicBoolean closing,
            StreamGauges streamGauges,
            LongAdder cancelledBeforeRun) {
        this.options = options;
        this.cancelledBeforeRun = cancelledBeforeRun;
        this.streamGauges = streamGauges;
        this.bossGroup = bossGroup;
        this.workerGroup = workerGroup;
        this.executors = executors;
        this.serverChannel = serverChannel;
        this.limit = limit;
        this.connections = connections;
        this.closing = closing;
    }

    /**
     * Binds {@code address} (port 0 for any free port) and starts serving the services
     * {@code services} finds.
     *
     * @param serializers the serializers installed on this node; each service narrows them further
     * @throws IllegalStateException if the address cannot be bound, or the default executor is
     *     {@code virtual} on a JVM without virtual threads
     * @throws IllegalArgumentException if TLS is on and a certificate or key file is missing,
     *     unreadable or invalid (the message names the option and the path)
     */
    public static TransportServer start(
            InetSocketAddress address,
            TransportOptions options,
            Serializers serializers,
            ServiceResolver<ServiceExport> services) {
        return start(address, options, serializers, services, List.of());
    }

    /**
     * As {@link #start(InetSocketAddress, TransportOptions, Serializers, ServiceResolver)}, serving
     * {@code otherProtocols} on the same port beside Courier's own: each connection goes to the first
     * protocol that recognises its first bytes ({@link PortProtocol}), else to Courier's. With none,
     * a connection's first bytes are not inspected at all.
     */
    public static TransportServer start(
            InetSocketAddress address,
            TransportOptions options,
            Serializers serializers,
            ServiceResolver<ServiceExport> services,
            List<PortProtocol> otherProtocols) {
        Objects.requireNonNull(otherProtocols, "otherProtocols");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(serializers, "serializers");
        Objects.requireNonNull(services, "services");
        if (options.executor() == ExecutorKind.VIRTUAL) {
            VirtualThreads.check("executor");
        }
        // Before anything is started: a bad certificate or key file fails here, naming it.
        SslContext tls = serverTls(options, otherProtocols);
        EventLoops loops = EventLoops.select(options.nativeTransport());
        EventLoopGroup bossGroup = loops.newGroup(1, "courier-server-accept");
        EventLoopGroup workerGroup = loops.newGroup(options.ioThreads(), "courier-server-io");
        ServerExecutors executors =
                new ServerExecutors(options.executorThreads(), options.executorQueueSize(), "courier-server-exec");
        AtomicBoolean closing = new AtomicBoolean();
        ConnectionLimit limit = new ConnectionLimit(options.maxConnections(), closing::get);
        Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
        StreamGauges streamGauges = new StreamGauges();
        ServerContext context = context(options, serializers, services, executors);
        try {
            Channel channel = bind(
                    address,
                    options,
                    loops,
                    bossGroup,
                    workerGroup,
                    limit,
                    new ServerChannelInitializer(
                            options, serializers, context, connections, tls, streamGauges, otherProtocols));
            logServing(channel, loops, options, otherProtocols, tls);
            return new TransportServer(
                    options,
                    bossGroup,
                    workerGroup,
                    executors,
                    channel,
                    limit,
                    connections,
                    closing,
                    streamGauges,
                    context.cancelledBeforeRun());
        } catch (Exception e) {
            // Netty rethrows the bind failure (a checked BindException) without declaring it.
            executors.close();
            bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot bind " + address + ": " + e.getMessage(), e);
        }
    }

    /** What every connection of the server shares. */
    private static ServerContext context(
            TransportOptions options,
            Serializers serializers,
            ServiceResolver<ServiceExport> services,
            ServerExecutors executors) {
        return new ServerContext(
                services,
                executors,
                options.executor(),
                new BodyDecoder(options.protocol(), serializers),
                new FrameEncoder(options.protocol()),
                options.adaptivePool() ? new CallPlacements() : null,
                new LongAdder());
    }

    /** The listening channel on {@code address}, bound before this returns. */
    private static Channel bind(
            InetSocketAddress address,
            TransportOptions options,
            EventLoops loops,
            EventLoopGroup bossGroup,
            EventLoopGroup workerGroup,
            ConnectionLimit limit,
            ServerChannelInitializer initializer) {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(loops.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()))
                .handler(limit)
                .childHandler(initializer)
                .bind(address)
                .syncUninterruptibly()
                .channel();
    }

    private static void logServing(
            Channel channel,
            EventLoops loops,
            TransportOptions options,
            List<PortProtocol> otherProtocols,
            SslContext tls) {
        log.info(
                "Courier transport serving on {} ({}{}{})",
                channel.localAddress(),
                loops.name(),
                otherProtocols.isEmpty()
                        ? ""
                        : ", also "
                                + otherProtocols.stream()
                                        .map(PortProtocol::name)
                                        .toList(),
                tls == null
                        ? ""
                        : ", TLS " + options.tls().protocols() + ", client auth "
                                + options.tls().clientAuth());
    }

    /** The server's TLS context, offering the other protocols' ALPN ids too; {@code null} without TLS. */
    private static SslContext serverTls(TransportOptions options, List<PortProtocol> otherProtocols) {
        return options.tls().enabled()
                ? TlsContexts.forServer(
                        options.tls().contextSpec(),
                        otherProtocols.stream()
                                .flatMap(p -> p.alpnIds().stream())
                                .distinct()
                                .toList())
                : null;
    }

    /** The bound address, with the actual port when 0 was asked for. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The bound port. */
    public int port() {
        return localAddress().getPort();
    }

    /** Streams open on this server, and the most bytes a connection held for its streams. */
    public StreamStats streamStats() {
        return streamGauges;
    }

    /**
     * Requests this server dropped without running them because their consumers cancelled them
     * (a cancel event, docs/protocol.md section 5) while they waited for an executor thread.
     */
    public long cancelledBeforeRun() {
        return cancelledBeforeRun.sum();
    }

    /** Open connections and accepted calls not yet answered. */
    public TransportStats stats() {
        return new TransportStats() {
            @Override
            public int openConnections() {
                return limit.open();
            }

            @Override
            public int inFlight() {
                int total = 0;
                for (ServerConnection connection : connections) {
                    total += connection.inFlight();
                }
                return total;
            }

            @Override
            public long queuedOutboundBytes() {
                long total = 0;
                for (ServerConnection connection : connections) {
                    total += connection.queuedBytes();
                }
                return total;
            }
        };
    }

    /**
     * Closes gracefully (see the class description), waiting up to
     * {@link TransportOptions#shutdownTimeoutMillis()} for accepted calls, and returns when everything
     * is closed. Calls after the first wait for the first to finish.
     */
    @Override
    public void close() {
        close(options.shutdownTimeoutMillis());
    }

    /**
     * As {@link #close()}, waiting up to {@code timeoutMillis} (0 for not at all) for accepted calls
     * instead: for an application whose shutdown already spent part of its time budget.
     */
    public void close(long timeoutMillis) {
        if (!closing.compareAndSet(false, true)) {
            closed.join();
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        try {
            serverChannel.close().syncUninterruptibly();
            List<CompletableFuture<Void>> draining = new ArrayList<>();
            for (ServerConnection connection : connections) {
                draining.add(connection.goAway());
            }
            awaitUntil(CompletableFuture.allOf(draining.toArray(CompletableFuture[]::new)), deadline);
            for (ServerConnection connection : connections) {
                log.debug("closing {}: not drained by the shutdown deadline", connection.channel());
                connection.forceClose();
            }
            executors.close(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } finally {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            closed.complete(null);
        }
    }

    private static void awaitUntil(CompletableFuture<?> future, long deadlineNanos) {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Whatever has not drained is force-closed next.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TransportServer(" + serverChannel.localAddress() + ")";
    }
}
