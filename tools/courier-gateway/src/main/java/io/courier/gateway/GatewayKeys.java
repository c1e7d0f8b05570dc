package io.courier.gateway;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * The gateway runner's keys, {@code courier.gateway.*}, read by {@link GatewayMain} from system
 * properties and {@code COURIER_GATEWAY_*} variables. Declared to the
 * {@link io.courier.api.config.ConfigKeyRegistry} (in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}), so that the gateway's own
 * Courier application accepts them beside its keys instead of refusing them as unknown.
 */
public final class GatewayKeys implements ConfigKeyCatalog {

    static final ConfigKey<String> HOST = ConfigKey.of(
            "courier.gateway.host",
            ValueType.nonEmpty("a host name or IP address"),
            "127.0.0.1",
            "127.0.0.1",
            "The gateway's bind address; the default lets only this machine reach it.");
    static final ConfigKey<Integer> PORT =
            ConfigKey.of("courier.gateway.port", ValueType.integer(0, 65535), 8080, "8080", "The gateway's HTTP port.");
    static final ConfigKey<Integer> MAX_BODY_BYTES = ConfigKey.of(
            "courier.gateway.max-body-bytes",
            ValueType.integer(1, Integer.MAX_VALUE),
            1024 * 1024,
            "1048576",
            "The largest request body the gateway reads.");
    static final ConfigKey<Integer> MAX_REQUESTS_PER_SECOND = ConfigKey.of(
            "courier.gateway.max-requests-per-second",
            ValueType.integer(0, Integer.MAX_VALUE),
            0,
            "0",
            "Requests the gateway accepts per second from each client (its address); more are answered 429 with"
                    + " Retry-After, while other clients are still served; 0 for no limit.");
    static final ConfigKey<Integer> MAX_STREAMS_PER_CLIENT = ConfigKey.of(
            "courier.gateway.max-streams-per-client",
            ValueType.integer(1, Integer.MAX_VALUE),
            16,
            "16",
            "Streams (Server-Sent Events, NDJSON, WebSocket) each client (its address) may have open at once through"
                    + " the gateway; more are answered 429.");
    static final ConfigKey<String> TOKEN = ConfigKey.of(
            "courier.gateway.token",
            ValueType.secretText(),
            "",
            "(empty)",
            "The bearer token every request must carry; empty forwards the caller's own Authorization instead.");
    static final ConfigKey<List<String>> CORS_ORIGINS = ConfigKey.of(
            "courier.gateway.cors-origins",
            ValueType.list(),
            List.of(),
            "(empty)",
            "Origins allowed to call the gateway from a browser, comma-separated; empty for none.");

    /** For {@link java.util.ServiceLoader}. */
    public GatewayKeys() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(
                HOST, PORT, MAX_BODY_BYTES, MAX_REQUESTS_PER_SECOND, MAX_STREAMS_PER_CLIENT, TOKEN, CORS_ORIGINS);
    }
}
