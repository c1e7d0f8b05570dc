package io.courier.bench.grpc;

import io.courier.bench.workload.UserService;
import io.courier.bootstrap.Courier;

/**
 * A Courier application serving {@link CourierGrpcUserService} with the default provider settings; rpc-grpc on the
 * class path serves gRPC on its port, which gRPC-java's client calls (the {@code courier-grpc} system).
 */
public final class CourierGrpcUserServer implements AutoCloseable {

    private final Courier courier;

    private CourierGrpcUserServer(Courier courier) {
        this.courier = courier;
    }

    /** Exports {@code service}'s gRPC face on {@code host:port}; port 0 picks a free one. */
    public static CourierGrpcUserServer start(UserService service, String host, int port) {
        Courier courier = Courier.builder()
                .application("courier-grpc-bench-provider")
                .host(host)
                .port(port)
                // the harness stops the server; a second hook would race it at exit
                .shutdownHook(false)
                .export(new CourierGrpcEndpoint(service))
                .start();
        return new CourierGrpcUserServer(courier);
    }

    public int port() {
        return courier.port();
    }

    @Override
    public void close() {
        courier.close();
    }
}
