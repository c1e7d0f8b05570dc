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
    static final ConfigKey<String> JWT_JWKS_FILE = ConfigKey.of(
            "courier.gateway.jwt.jwks-file",
            ValueType.text(),
            "",
            "(empty)",
            "A JWKS document on disk: the gateway verifies every caller's JWT against it (401 before anything runs);"
                    + " this or jwt.jwks-url turns verification on.");
    static final ConfigKey<String> JWT_JWKS_URL = ConfigKey.of(
            "courier.gateway.jwt.jwks-url",
            ValueType.text(),
            "",
            "(empty)",
            "A JWKS document over https:// (http:// only to a loopback address) to verify callers' JWTs with.");
    static final ConfigKey<String> JWT_ISSUER = ConfigKey.of(
            "courier.gateway.jwt.issuer",
            ValueType.text(),
            "",
            "(required with a JWKS)",
            "The only iss the gateway accepts in a caller's JWT.");
    static final ConfigKey<List<String>> JWT_AUDIENCE = ConfigKey.of(
            "courier.gateway.jwt.audience",
            ValueType.list(),
            List.of(),
            "(required with a JWKS)",
            "The aud values the gateway accepts, comma-separated; a caller's JWT must carry one.");
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
                HOST,
                PORT,
                MAX_BODY_BYTES,
                MAX_REQUESTS_PER_SECOND,
                MAX_STREAMS_PER_CLIENT,
                TOKEN,
                CORS_ORIGINS,
                JWT_JWKS_FILE,
                JWT_JWKS_URL,
                JWT_ISSUER,
                JWT_AUDIENCE);
    }
}
