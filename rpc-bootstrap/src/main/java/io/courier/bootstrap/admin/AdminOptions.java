package io.courier.bootstrap.admin;

import java.util.Objects;

/**
 * Where the admin endpoint listens and the token that guards its state changes.
 *
 * @param host the bind address ({@code courier.admin.host}, by default 127.0.0.1: this machine only)
 * @param port the port ({@code courier.admin.port}; 0 picks a free one)
 * @param token the bearer token {@code POST} requests must carry ({@code courier.admin.token}); empty
 *     for none, and then every state change is refused. Never printed: {@link #toString()} hides it.
 */
public record AdminOptions(String host, int port, String token) {

    public AdminOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: '' (expected: an address to bind, such as 127.0.0.1)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
    }

    @Override
    public String toString() {
        return "AdminOptions[host=" + host + ", port=" + port + ", token=" + (token.isEmpty() ? "(none)" : "<hidden>")
                + "]";
    }
}
