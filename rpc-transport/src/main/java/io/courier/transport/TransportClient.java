package io.courier.transport;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.serialization.Serializers;
import io.courier.transport.internal.EventLoops;
import io.courier.transport.internal.TlsContexts;
import io.courier.transport.internal.channel.Backoff;
import io.courier.transport.internal.client.ClientChannelInitializer;
import io.courier.transport.internal.client.ClientConnection;
import io.courier.transport.internal.client.ConnectQueue;
import io.courier.transport.internal.client.ConnectionStats;
import io.courier.transport.internal.client.EndpointInvoker;
import io.courier.transport.internal.client.EndpointPool;
import io.courier.transport.internal.stream.StreamGauges;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Calls services on remote endpoints over pooled, multiplexed connections.
 *
 * <p>Each endpoint has a pool of {@link CallOptions#connections()} connections (by default
 * {@link TransportOptions#connectionsPerEndpoint()}, 1), connected lazily on the first call,
 * reconnected on demand after a loss with exponential backoff and jitter, and kept alive by
 * heartbeats while idle. Every connection owns its table of calls in flight: a timeout removes its
 * call; a lost connection fails its calls at once with {@link ErrorCode#NETWORK}; a server going
 * away gets no new call on that connection.
 *
 * <p>Given a host application's event loops ({@link TransportOptions#hostEventLoops()}), the
 * connections run on them, at least one per loop and endpoint, and a call made on one of the loops
 * is sent on that loop's connection: no other thread is woken to write it or to complete it.
 *
 * <p>{@link #close()} fails the calls in flight with {@code NETWORK} and stops the event loops and
 * the timer it created (a host's loops are left running). Thread-safe.
 */
public final class TransportClient implements AutoCloseable {

    private record PoolKey(Endpoint endpoint, int connections) {}

    private final TransportOptions options;
    private final EventLoopGroup group;
    /** The host's loops, or {@code null} when the client runs its own group. */
    private final List<EventLoop> hostLoops;

    private final HashedWheelTimer timer;
    private final Bootstrap bootstrap;
    private final Backoff backoff;
    private final ConnectQueue connects;
    private final ConcurrentHashMap<PoolKey, EndpointPool> pools = new ConcurrentHashMap<>();
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final StreamGauges streamGauges = new StreamGauges();
    private volatile boolean closed;

    private TransportClient(TransportOptions options, Serializers serializers, SslContext tls) {
        this.options = options;
        EventLoopGroup host = options.hostEventLoops().orElse(null);
        EventLoops loops = host != null ? EventLoops.of(host) : EventLoops.select(options.nativeTransport());
        this.group = host != null ? host : loops.newGroup(options.ioThreads(), "courier-client-io");
        this.hostLoops = host != null ? loopsOf(host) : null;
        this.timer =
                new HashedWheelTimer(new DefaultThreadFactory("courier-client-timer", true), 10, TimeUnit.MILLISECONDS);
        this.backoff = new Backoff(
                options.reconnectBackoffBaseMillis(), options.reconnectBackoffMaxMillis(), options.reconnectJitter());
        this.connects = new ConnectQueue(
                options.reconnect().backgroundConnects(),
                options.reconnect().reconnectsPerSecond(),
                timer,
                System::nanoTime);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, options.connectTimeoutMillis()))
                .option(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(options.writeBufferLowWaterMark(), options.writeBufferHighWaterMark()))
                .handler(new ClientChannelInitializer(
                        options, serializers, new FrameEncoder(options.protocol()), timer, tls, streamGauges));
    }

    private static List<EventLoop> loopsOf(EventLoopGroup group) {
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add((EventLoop) executor);
        }
        return List.copyOf(loops);
    }

    /**
     * A client with its own timer, and its own event loops unless the options give the host's.
     *
     * @param serializers the serializers installed on this node (responses arrive in the request's)
     * @throws IllegalArgumentException if TLS is on and a certificate or key file is missing,
     *     unreadable or invalid (the message names the option and the path), or if the host's
     *     event loops are neither epoll nor NIO, or already shutting down
     */
    public static TransportClient create(TransportOptions options, Serializers serializers) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(serializers, "serializers");
        options.hostEventLoops().ifPresent(host -> {
            EventLoops.of(host);
            if (host.isShuttingDown()) {
                throw new IllegalArgumentException(
                        "hostEventLoops: " + host + " (expected: running, not shutting down)");
            }
        });
        // Before any thread is started: a bad certificate or key file fails here, naming it.
        SslContext tls =
                options.tls().enabled() ? TlsContexts.forClient(options.tls().contextSpec()) : null;
        return new TransportClient(options, serializers, tls);
    }

    /**
     * An invoker for the service calls sent to {@code endpoint}; invokers with the same endpoint and
     * connection count share their connections. Creating the first one for an endpoint starts
     * connecting it in the background (at most {@link ReconnectPolicy#backgroundConnects()} connects
     * at once); the invoker is {@link Invoker#available() available} once a connection is ready. A
     * call made before then waits for that connect.
     */
    public Invoker invoker(Endpoint endpoint, CallOptions callOptions) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(callOptions, "callOptions");
        return new EndpointInvoker(pool(endpoint, callOptions.connections()), callOptions, null);
    }

    /**
     * As {@link #invoker(Endpoint, CallOptions)}, each call waiting as long as {@code timeoutMillis}
     * says when it is sent (a timeout that configuration changes live), instead of
     * {@code callOptions}' own.
     */
    public Invoker invoker(Endpoint endpoint, CallOptions callOptions, LongSupplier timeoutMillis) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(callOptions, "callOptions");
        Objects.requireNonNull(timeoutMillis, "timeoutMillis");
        return new EndpointInvoker(pool(endpoint, callOptions.connections()), callOptions, timeoutMillis);
    }

    private EndpointPool pool(Endpoint endpoint, int requested) {
        int size = requested == 0 ? options.connectionsPerEndpoint() : requested;
        if (hostLoops != null) {
            // a connection on every loop, so that a call from any of them finds one on its own thread
            size = hostLoops.size() * ((size + hostLoops.size() - 1) / hostLoops.size());
        }
        PoolKey key = new PoolKey(endpoint, size);
        EndpointPool pool = pools.get(key);
        if (pool != null) {
            return pool;
        }
        EndpointPool created = new EndpointPool(
                endpoint,
                size,
                hostLoops,
                backoff,
                timer,
                connects,
                options.reconnect(),
                slot -> connect(endpoint, hostLoops == null ? null : hostLoops.get(slot % hostLoops.size())),
                System::nanoTime);
        pool = pools.putIfAbsent(key, created);
        if (pool != null) {
            return pool;
        }
        created.start();
        return created;
    }

    /**
     * Whether {@code endpoint} may be reached, as far as this client knows without a call:
     * {@code false} once a connect to it failed or its connection was lost, until a connect
     * succeeds; {@code true} while a connection is ready or the first connect is under way, and
     * for an endpoint this client has no pool for.
     */
    public boolean reachable(Endpoint endpoint) {
        boolean known = false;
        for (Map.Entry<PoolKey, EndpointPool> pool : pools.entrySet()) {
            if (pool.getKey().endpoint().equals(endpoint)) {
                if (pool.getValue().reachable()) {
                    return true;
                }
                known = true;
            }
        }
        return !known;
    }

    /**
     * Whether {@code endpoint} is demoted: it has refused connections for longer than the policy
     * allows, and is tried only rarely. {@code false} for an endpoint this client has no pool for.
     */
    public boolean demoted(Endpoint endpoint) {
        for (Map.Entry<PoolKey, EndpointPool> pool : pools.entrySet()) {
            if (pool.getKey().endpoint().equals(endpoint) && pool.getValue().demoted()) {
                return true;
            }
        }
        return false;
    }

    /** Connects {@code endpoint} on {@code loop}, or on the group's next loop for {@code null}. */
    private CompletableFuture<ClientConnection> connect(Endpoint endpoint, EventLoop loop) {
        CompletableFuture<ClientConnection> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new RpcException(ErrorCode.CLOSED, "transport client closed"));
            return result;
        }
        ChannelFuture connecting;
        try {
            connecting = (loop == null ? bootstrap.clone() : bootstrap.clone(loop))
                    .attr(ClientChannelInitializer.PEER, endpoint.toString())
                    .attr(ClientChannelInitializer.ENDPOINT, endpoint)
                    .connect(endpoint.host(), endpoint.port());
        } catch (RuntimeException e) {
            result.completeExceptionally(
                    new RpcException(ErrorCode.CONNECT_FAILED, "cannot connect to " + endpoint, e));
            return result;
        }
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                result.completeExceptionally(new RpcException(
                        ErrorCode.CONNECT_FAILED,
                        "cannot connect to " + endpoint + ": " + (cause == null ? "cancelled" : cause.getMessage()),
                        cause));
                return;
            }
            ClientConnection connection = connecting
                    .channel()
                    .attr(ClientChannelInitializer.CONNECTION)
                    .get();
            connections.add(connection);
            connection.closeFuture().thenRun(() -> connections.remove(connection));
            if (closed) {
                connection.close();
            }
            // With TLS, ready once the server accepted the handshake; a refused one is a failed connect.
            ClientChannelInitializer.ready(connecting.channel()).whenComplete((ready, failure) -> {
                if (failure != null) {
                    connection.close();
                    result.completeExceptionally(failure);
                } else {
                    result.complete(ready);
                }
            });
        });
        return result;
    }

    /** Streams open on this client's connections, and the most bytes a connection held for its streams. */
    public StreamStats streamStats() {
        return streamGauges;
    }

    /** Open connections and two-way calls waiting for responses, over every endpoint. */
    public TransportStats stats() {
        return new ConnectionStats(connections);
    }

    /**
     * The connections to {@code endpoint} in its pools and their two-way calls in flight (a
     * connection replaced after "going away" is no longer counted here, but still in {@link
     * #stats()} until it closes).
     */
    public TransportStats stats(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new TransportStats() {
            @Override
            public int openConnections() {
                int open = 0;
                for (Map.Entry<PoolKey, EndpointPool> pool : pools.entrySet()) {
                    if (pool.getKey().endpoint().equals(endpoint)) {
                        open += pool.getValue().openConnections();
                    }
                }
                return open;
            }

            @Override
            public int inFlight() {
                int total = 0;
                for (Map.Entry<PoolKey, EndpointPool> pool : pools.entrySet()) {
                    if (pool.getKey().endpoint().equals(endpoint)) {
                        total += pool.getValue().inFlight();
                    }
                }
                return total;
            }

            @Override
            public long queuedOutboundBytes() {
                long total = 0;
                for (Map.Entry<PoolKey, EndpointPool> pool : pools.entrySet()) {
                    if (pool.getKey().endpoint().equals(endpoint)) {
                        total += pool.getValue().queuedBytes();
                    }
                }
                return total;
            }
        };
    }

    /**
     * Closes the connections to {@code endpoint}, e.g. when the provider left the registry; its
     * calls in flight fail with {@code NETWORK}. A later invoker for it connects again.
     */
    public void closeEndpoint(Endpoint endpoint) {
        pools.entrySet().removeIf(entry -> {
            if (entry.getKey().endpoint().equals(endpoint)) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    /**
     * Closes every connection, failing its calls in flight, then the event loops it created and the
     * timer. On a host's loops it waits (up to 2 s) for the connections to close, unless it is called
     * on one of those loops, which would then wait for itself.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        for (EndpointPool pool : pools.values()) {
            pool.close();
        }
        pools.clear();
        for (ClientConnection connection : connections) {
            connection.close();
        }
        if (hostLoops == null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        } else if (hostLoops.stream().noneMatch(EventLoop::inEventLoop)) {
            CompletableFuture<?>[] closing =
                    connections.stream().map(ClientConnection::closeFuture).toArray(CompletableFuture<?>[]::new);
            try {
                CompletableFuture.allOf(closing).get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // closed as far as this client can tell: the host's loops finish the rest
            }
        }
        timer.stop();
    }

    @Override
    public String toString() {
        return "TransportClient(" + pools.size() + " endpoints)";
    }
}
