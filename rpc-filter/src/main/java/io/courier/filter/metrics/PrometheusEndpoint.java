package io.courier.filter.metrics;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape endpoint: {@code GET <path>} answers the registry's text exposition. It
 * runs on the JDK's HTTP server with one thread of its own, so a scrape never takes a thread from
 * calls. One per application (a shared object), closed when the application stops.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrometheusEndpoint.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final JdkHttpServer server;

    private PrometheusEndpoint(JdkHttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code registry} on {@code host:port} at {@code path}.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    static PrometheusEndpoint start(String host, int port, String path, PrometheusMeterRegistry registry) {
        JdkHttpServer server = JdkHttpServer.start(
                host,
                port,
                "courier-prometheus-endpoint",
                "courier.filter.metrics.prometheus",
                path,
                exchange -> serve(exchange, registry));
        PrometheusEndpoint endpoint = new PrometheusEndpoint(server);
        if (server.loopback()) {
            log.info("Prometheus metrics at http://{}{}", endpoint.addressText(), path);
        } else {
            log.warn(
                    "Prometheus metrics at http://{}{}, reachable from other hosts without authentication",
                    endpoint.addressText(),
                    path);
        }
        return endpoint;
    }

    private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The bound address (with the actual port when 0 was configured). */
    public InetSocketAddress address() {
        return server.address();
    }

    /** The bound port (the actual one when 0 was configured). */
    public int port() {
        return server.port();
    }

    private String addressText() {
        InetSocketAddress address = address();
        return address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "PrometheusEndpoint(" + addressText() + ")";
    }
}
