package io.courier.dubbo.internal;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.serialization.Serializer;
import io.courier.dubbo.DubboOptions;
import io.courier.transport.CallOptions;
import io.courier.transport.CallProtocol;
import io.courier.transport.KeptConnections;
import io.courier.transport.TransportOptions;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
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

    private final HashedWheelTimer timer;
    private final KeptConnections<DubboEndpoint> endpoints;
    private final Serializer hessian;
    private final AtomicLong ids = new AtomicLong();

    public DubboClient(DubboOptions options, TransportOptions transport, Serializer hessian) {
        this.hessian = hessian;
        HessianStart.ensure(hessian);
        this.timer =
                new HashedWheelTimer(new DefaultThreadFactory("courier-dubbo-timer", true), 10, TimeUnit.MILLISECONDS);
        DubboClientHandler handler = new DubboClientHandler(hessian, ids);
        long heartbeat = options.heartbeatMillis();
        // Dubbo's consumer multiplexes every call to a provider on one connection
        this.endpoints = new KeptConnections<>(
                "Dubbo client",
                "courier-dubbo-client",
                transport,
                channel -> channel.pipeline()
                        .addLast("idle", new IdleStateHandler(heartbeat * 3, heartbeat, 0, TimeUnit.MILLISECONDS))
                        .addLast(
                                "dubbo-frames",
                                new DubboFrameDecoder(options.maxBodyBytes(), options.frameDeadlineMillis()))
                        .addLast("dubbo-answers", handler),
                (endpoint, bootstrap, group) -> new DubboEndpoint(
                        endpoint,
                        bootstrap,
                        group,
                        timer,
                        transport.reconnectBackoffBaseMillis(),
                        transport.reconnectBackoffMaxMillis()));
    }

    @Override
    public Invoker invoker(Endpoint endpoint, CallOptions options, LongSupplier timeoutMillis) {
        DubboEndpoint connection = endpoints.connection(endpoint);
        return new DubboInvoker(connection, options.policy(), timeoutMillis, hessian, ids);
    }

    @Override
    public void closeEndpoint(Endpoint endpoint) {
        endpoints.closeEndpoint(endpoint);
    }

    @Override
    public void close() {
        endpoints.close();
        timer.stop();
    }

    @Override
    public String toString() {
        return "DubboClient";
    }
}
