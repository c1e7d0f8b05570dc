package io.courier.dubbo.internal;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.serialization.Serializer;
import io.courier.dubbo.DubboOptions;
import io.courier.transport.CallOptions;
import io.courier.transport.CallProtocol;
import io.courier.transport.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Courier's consumer side of Apache Dubbo's {@code dubbo} protocol: calls stock Dubbo providers that
 * a reference's directory lists (found in Dubbo's ZooKeeper layout), one shared connection per
 * provider as Dubbo's own consumer keeps, under the reference's filters, cluster and retries. Its own
 * event loop and timer, stopped by {@link #close()}. Thread-safe.
 */
public final class DubboClient implements CallProtocol {

    private final EventLoopGroup group;
    private final HashedWheelTimer timer;
    private final Bootstrap bootstrap;
    private final Serializer hessian;
    private final AtomicLong ids = new AtomicLong();
    private final TransportOptions transport;
    private final Map<Endpoint, DubboEndpoint> endpoints = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public DubboClient(DubboOptions options, TransportOptions transport, Serializer hessian) {
        this.transport = transport;
        this.hessian = hessian;
        HessianStart.ensure(hessian);
        // Dubbo's consumer multiplexes every call to a provider on one connection: one loop is plenty
        this.group = new NioEventLoopGroup(
                Math.min(2, transport.ioThreads()), new DefaultThreadFactory("courier-dubbo-client", true));
        this.timer =
                new HashedWheelTimer(new DefaultThreadFactory("courier-dubbo-timer", true), 10, TimeUnit.MILLISECONDS);
        DubboClientHandler handler = new DubboClientHandler(hessian, ids);
        long heartbeat = options.heartbeatMillis();
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
                        channel.pipeline()
                                .addLast(
                                        "idle",
                                        new IdleStateHandler(heartbeat * 3, heartbeat, 0, TimeUnit.MILLISECONDS))
                                .addLast(
                                        "dubbo-frames",
                                        new DubboFrameDecoder(options.maxBodyBytes(), options.frameDeadlineMillis()))
                                .addLast("dubbo-answers", handler);
                    }
                });
    }

    @Override
    public Invoker invoker(Endpoint endpoint, CallOptions options, LongSupplier timeoutMillis) {
        if (closed) {
            throw new IllegalStateException("Dubbo client closed");
        }
        DubboEndpoint connection = endpoints.computeIfAbsent(endpoint, this::open);
        return new DubboInvoker(connection, options.policy(), timeoutMillis, hessian, ids);
    }

    private DubboEndpoint open(Endpoint endpoint) {
        DubboEndpoint connection = new DubboEndpoint(
                endpoint,
                bootstrap,
                group,
                timer,
                transport.reconnectBackoffBaseMillis(),
                transport.reconnectBackoffMaxMillis());
        // connect now, so that the endpoint is available by the first call
        connection.channel();
        return connection;
    }

    @Override
    public void closeEndpoint(Endpoint endpoint) {
        DubboEndpoint connection = endpoints.remove(endpoint);
        if (connection != null) {
            connection.closeWhenIdle();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (DubboEndpoint connection : List.copyOf(endpoints.values())) {
            connection.close();
        }
        endpoints.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        timer.stop();
    }

    @Override
    public String toString() {
        return "DubboClient";
    }
}
