package io.courier.transport.internal.server;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Identity;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.protocol.ServiceResolver;
import io.courier.transport.CallCallback;
import io.courier.transport.ExecutorKind;
import io.courier.transport.PortConnection;
import io.courier.transport.ProviderCall;
import io.courier.transport.ServiceExport;
import io.courier.transport.ServiceTable;
import io.courier.transport.TransportKeys;
import io.courier.transport.internal.executor.CallPlacement;
import io.courier.transport.internal.executor.ServerContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** A connection another protocol serves, over the server's own {@link ServerConnection}. */
final class PortConnectionImpl implements PortConnection {

    private static final ProviderCall REFUSED = () -> false;
    private static final RpcException BUSY = new RpcException(
            ErrorCode.SERVER_BUSY,
            "server executor is full (expected: fewer concurrent calls; raise " + TransportKeys.SERVER_THREADS.name()
                    + " or " + TransportKeys.SERVER_QUEUE_CAPACITY.name() + " on the provider, or add providers)",
            null);
    private static final RpcException SHUTTING_DOWN =
            new RpcException(ErrorCode.GOING_AWAY, "server is shutting down", null);

    private final ServerConnection connection;
    private final ServerContext server;

    PortConnectionImpl(ServerConnection connection, ServerContext server) {
        this.connection = connection;
        this.server = server;
    }

    @Override
    public Channel channel() {
        return connection.channel();
    }

    @Override
    public ChannelPipeline pipeline() {
        return connection.channel().pipeline();
    }

    @Override
    public ServiceResolver<ServiceExport> services() {
        return server.services();
    }

    @Override
    public List<ServiceExport> exported() {
        return server.services() instanceof ServiceTable table ? table.all() : List.of();
    }

    @Override
    public Endpoint remote() {
        return connection.remote();
    }

    @Override
    public Identity peer() {
        return connection.peer();
    }

    @Override
    public boolean draining() {
        return connection.draining();
    }

    @Override
    public ProviderCall submit(
            ServiceExport service, MethodDescriptor method, Supplier<Invocation> request, CallCallback callback) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(callback, "callback");
        if (connection.draining()) {
            callback.onFailure(SHUTTING_DOWN);
            return REFUSED;
        }
        ExecutorKind kind = service.executor() != null ? service.executor() : server.defaultExecutor();
        Executor executor = server.executors().executor(kind);
        CallPlacement placement = kind == ExecutorKind.POOL && server.placements() != null
                ? server.placements().of(service, method)
                : null;
        if (placement != null && placement.inline()) {
            executor = null;
        }
        PortCall call = new PortCall(service, request, callback, connection, server, placement);
        connection.accepted();
        if (executor == null) {
            if (connection.channel().eventLoop().inEventLoop()) {
                call.run();
            } else {
                // a protocol that submits from elsewhere (an HTTP/2 stream's own loop is this one) runs
                // an inline call where Courier's inline calls run
                connection.channel().eventLoop().execute(call);
            }
            return call;
        }
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            call.refused(BUSY);
        }
        return call;
    }

    @Override
    public void send(Object message) {
        connection.send(message);
    }

    @Override
    public void closeWhenSent() {
        connection.closeWhenSent();
    }

    @Override
    public void onGoAway(Runnable goAway) {
        connection.onGoAway(Objects.requireNonNull(goAway, "goAway"));
    }
}
