package io.courier.gateway;

import io.courier.security.JwtVerifier;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Gateway} listens and what it accepts. Immutable; build it with {@link #builder()}.
 *
 * @param host the address to bind (default {@code 127.0.0.1})
 * @param port the port; 0 picks a free one (default 8080)
 * @param maxBodyBytes the largest request body; a larger one is answered 413 unread (default 1 MiB)
 * @param maxHeaderBytes the largest header block; larger is answered 431 (default 8 KiB)
 * @param maxInitialLineBytes the longest request line; longer is answered 414 (default 4 KiB)
 * @param requestTimeoutMillis how long a request may take to arrive, from its first byte to its
 *     last; a slower one is answered 408 and its connection closed (default 10 s)
 * @param idleTimeoutMillis how long a connection may stay without any request before it is closed
 *     (default 60 s)
 * @param maxConnections connections open at once; more are closed on accept (default 10,000)
 * @param maxRequestsPerSecond requests the gateway accepts per second from each client (its
 *     address); more are answered 429 with {@code Retry-After}; 0 for no limit (default 0)
 * @param token when not empty, every call must carry {@code Authorization: Bearer <token>}, else 401
 *     (docs and OpenAPI stay open)
 * @param corsOrigins origins allowed to call from a browser page of another origin; empty (the
 *     default) sends no CORS header at all
 * @param jwtVerifier when set, every call and stream must carry {@code Authorization: Bearer <jwt>}
 *     that it verifies (signature, issuer, audience, expiry), else 401 before anything runs; the
 *     verified token's subject is then the client the rate limit counts. The verified token is still
 *     forwarded to the provider. Not closed by the gateway. {@code null} (the default) for none
 * @param maxStreamsPerClient streams (Server-Sent Events, NDJSON, WebSocket) each client (its
 *     address) may have open at once through the gateway; more are answered 429 (default 16)
 * @param eventLoops the event loops to serve connections on (an {@code EpollEventLoopGroup} or a
 *     {@code NioEventLoopGroup}), owned by the caller and not shut down by the gateway; give the same
 *     group to the application ({@code CourierBuilder.clientEventLoops}) and a call's request, its
 *     answer and the HTTP response stay on the loop that read the request, with no thread hand-off.
 *     {@code null} (the default): the gateway runs loops of its own (two per core)
 */
public record GatewayOptions(
        String host,
        int port,
        int maxBodyBytes,
        int maxHeaderBytes,
        int maxInitialLineBytes,
        long requestTimeoutMillis,
        long idleTimeoutMillis,
        int maxConnections,
        int maxRequestsPerSecond,
        String token,
        List<String> corsOrigins,
        JwtVerifier jwtVerifier,
        int maxStreamsPerClient,
        EventLoopGroup eventLoops) {

    public GatewayOptions {
        Objects.requireNonNull(host, "host");
        check(port >= 0 && port <= 65535, "port", port, "0 to 65535");
        check(maxBodyBytes > 0, "maxBodyBytes", maxBodyBytes, "> 0");
        check(maxHeaderBytes > 0, "maxHeaderBytes", maxHeaderBytes, "> 0");
        check(maxInitialLineBytes > 0, "maxInitialLineBytes", maxInitialLineBytes, "> 0");
        check(requestTimeoutMillis > 0, "requestTimeoutMillis", requestTimeoutMillis, "> 0");
        check(idleTimeoutMillis > 0, "idleTimeoutMillis", idleTimeoutMillis, "> 0");
        check(maxConnections > 0, "maxConnections", maxConnections, "> 0");
        check(maxRequestsPerSecond >= 0, "maxRequestsPerSecond", maxRequestsPerSecond, ">= 0");
        check(maxStreamsPerClient > 0, "maxStreamsPerClient", maxStreamsPerClient, "> 0");
        token = token == null ? "" : token;
        if (!token.isEmpty() && jwtVerifier != null) {
            throw new IllegalArgumentException("token and jwtVerifier: both set (expected: at most one, since both"
                    + " read the Authorization header)");
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (eventLoops != null
                && !(eventLoops instanceof EpollEventLoopGroup || eventLoops instanceof NioEventLoopGroup)) {
            throw new IllegalArgumentException("eventLoops: "
                    + eventLoops.getClass().getName() + " (expected: an EpollEventLoopGroup or a NioEventLoopGroup)");
        }
    }

    private static void check(boolean valid, String name, long value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + expected + ")");
        }
    }

    public static GatewayOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GatewayOptions}. Not thread-safe. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxBodyBytes = 1024 * 1024;
        private int maxHeaderBytes = 8 * 1024;
        private int maxInitialLineBytes = 4 * 1024;
        private long requestTimeoutMillis = 10_000;
        private long idleTimeoutMillis = 60_000;
        private int maxConnections = 10_000;
        private int maxRequestsPerSecond;
        private String token = "";
        private List<String> corsOrigins = List.of();
        private int maxStreamsPerClient = 16;
        private JwtVerifier jwtVerifier;
        private EventLoopGroup eventLoops;

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = maxHeaderBytes;
            return this;
        }

        public Builder maxInitialLineBytes(int maxInitialLineBytes) {
            this.maxInitialLineBytes = maxInitialLineBytes;
            return this;
        }

        public Builder requestTimeoutMillis(long requestTimeoutMillis) {
            this.requestTimeoutMillis = requestTimeoutMillis;
            return this;
        }

        public Builder idleTimeoutMillis(long idleTimeoutMillis) {
            this.idleTimeoutMillis = idleTimeoutMillis;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxRequestsPerSecond(int maxRequestsPerSecond) {
            this.maxRequestsPerSecond = maxRequestsPerSecond;
            return this;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder corsOrigins(List<String> corsOrigins) {
            this.corsOrigins = corsOrigins;
            return this;
        }

        public Builder jwtVerifier(JwtVerifier jwtVerifier) {
            this.jwtVerifier = jwtVerifier;
            return this;
        }

        public Builder maxStreamsPerClient(int maxStreamsPerClient) {
            this.maxStreamsPerClient = maxStreamsPerClient;
            return this;
        }

        /** The caller's event loops to serve on; see {@link GatewayOptions#eventLoops()}. */
        public Builder eventLoops(EventLoopGroup eventLoops) {
            this.eventLoops = eventLoops;
            return this;
        }

        public GatewayOptions build() {
            return new GatewayOptions(
                    host,
                    port,
                    maxBodyBytes,
                    maxHeaderBytes,
                    maxInitialLineBytes,
                    requestTimeoutMillis,
                    idleTimeoutMillis,
                    maxConnections,
                    maxRequestsPerSecond,
                    token,
                    corsOrigins,
                    jwtVerifier,
                    maxStreamsPerClient,
                    eventLoops);
        }
    }
}
