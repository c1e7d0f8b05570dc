package io.courier.bench.grpc;

import io.courier.bench.workload.UserService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server of {@link UserService} at gRPC's defaults: Netty transport, its default executor (a cached thread
 * pool), no limits beyond the built-in ones. Only the address is chosen, so that it listens on the loopback device
 * alone ({@code ServerBuilder.forPort} would bind every interface).
 */
public final class GrpcUserServer implements AutoCloseable {

    private static final long CLOSE_TIMEOUT_SECONDS = 5;

    private final Server server;

    private GrpcUserServer(Server server) {
        this.server = server;
    }

    /** Serves {@code service} on {@code host:port}; port 0 picks a free one. */
    public static GrpcUserServer start(UserService service, String host, int port) {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(new UserServiceEndpoint(service))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        return new GrpcUserServer(server);
    }

    public int port() {
        return server.getPort();
    }

    /** Refuses new calls, lets running ones finish for up to five seconds, then cancels the rest. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
