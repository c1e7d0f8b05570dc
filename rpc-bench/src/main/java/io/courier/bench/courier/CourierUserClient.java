package io.courier.bench.courier;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bench.workload.UserService;
import io.courier.bootstrap.Courier;
import java.util.List;

/**
 * A Courier application referencing {@link UserService} at one known address. Every option is Courier's default
 * (one shared, multiplexed connection per provider; failover with two retries; protostuff) except the timeout,
 * which is 5 s as for the other systems.
 */
public final class CourierUserClient implements AutoCloseable {

    private static final long TIMEOUT_MILLIS = 5_000;

    private final Courier courier;
    private final UserService service;

    private CourierUserClient(Courier courier, UserService service) {
        this.courier = courier;
        this.service = service;
    }

    /** Connects to the provider at {@code host:port}. */
    public static CourierUserClient connect(String host, int port) {
        return connect(host, port, ReferenceOptions.builder().build().serializer());
    }

    /** Connects to the provider at {@code host:port}, writing requests in {@code serializer}. */
    public static CourierUserClient connect(String host, int port, String serializer) {
        Courier courier = Courier.builder()
                .application("courier-bench-consumer")
                .shutdownHook(false)
                .start();
        try {
            UserService service = courier.reference(
                    UserService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of(host, port)))
                            .timeoutMillis(TIMEOUT_MILLIS)
                            .serializer(serializer)
                            .build());
            return new CourierUserClient(courier, service);
        } catch (RuntimeException e) {
            courier.close();
            throw e;
        }
    }

    public UserService service() {
        return service;
    }

    @Override
    public void close() {
        courier.close();
    }
}
