package io.courier.bench.courier;

import io.courier.bench.stream.SyntheticUserStream;
import io.courier.bench.workload.UserService;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.config.ServiceKeys;
import java.util.Map;

/**
 * A Courier application exporting {@link UserService} with the default provider settings, and beside it the server
 * stream of users ({@link io.courier.bench.stream.UserStreamService}, as gRPC's server serves {@code StreamUsers}).
 */
public final class CourierUserServer implements AutoCloseable {

    private final Courier courier;

    private CourierUserServer(Courier courier) {
        this.courier = courier;
    }

    /** Exports {@code service} on {@code host:port}; port 0 picks a free one. */
    public static CourierUserServer start(UserService service, String host, int port) {
        return start(service, host, port, null);
    }

    /**
     * As {@link #start(UserService, String, int)}, accepting {@code serializer} first beside the defaults
     * ({@code courier.provider.serializers}), or only the defaults when it is {@code null}.
     */
    public static CourierUserServer start(UserService service, String host, int port, String serializer) {
        return start(service, host, port, serializer, Map.of());
    }

    /**
     * As {@link #start(UserService, String, int, String)}, with {@code properties} (configuration keys and their
     * values) set on the application.
     */
    public static CourierUserServer start(
            UserService service, String host, int port, String serializer, Map<String, String> properties) {
        CourierBuilder builder = Courier.builder();
        if (serializer != null) {
            builder.property(ServiceKeys.PROVIDER_SERIALIZERS.name(), serializer + ",protostuff,json");
        }
        properties.forEach(builder::property);
        Courier courier = builder.application("courier-bench-provider")
                .host(host)
                .port(port)
                // the harness stops the server; a second hook would race it at exit
                .shutdownHook(false)
                .export(service)
                .export(new SyntheticUserStream())
                .start();
        return new CourierUserServer(courier);
    }

    public int port() {
        return courier.port();
    }

    @Override
    public void close() {
        courier.close();
    }
}
