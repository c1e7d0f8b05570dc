package io.courier.bootstrap.admin;

import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.filter.metrics.JdkHttpServer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin endpoint of one application, on the JDK's HTTP server ({@code com.sun.net.httpserver},
 * as the Prometheus endpoint already is: no new library, and its own single thread, so that an
 * operator's request never takes a thread from calls).
 *
 * <pre>
 * GET  /health/live    200 while the process answers
 * GET  /health/ready   200 ready, or 503 with the reasons (starting, stopping, offline, unregistered,
 *                      a required reference without providers)
 * GET  /services       exported services and their registration, the server's connections
 * GET  /references     references and the providers each sees, with their state
 * GET  /config         effective configuration and the source of each value, secrets hidden
 * GET  /metrics        the Prometheus text of the application's meters
 * GET  /events         the event broker's topics, its subscriptions' groups and their lag per partition
 * POST /offline        the operator's offline switch   (Authorization: Bearer &lt;courier.admin.token&gt;)
 * POST /online         the operator's online switch    (same)
 * </pre>
 *
 * Every request is checked before any work: the path's length, the path, the method, the declared
 * body length, the token, then the body itself (at most 1 KiB; no route
 * reads one; see {@link AdminHandler}). Errors are RFC 9457 problem documents without stack traces. Thread-safe.
 */
public final class AdminServer implements AutoCloseable {

    /**
     * The provider-instance metadata key under which an application with an admin endpoint names it,
     * {@code host:port}, so that a console reading the registry finds it ({@link #advertised}).
     */
    public static final String METADATA_KEY = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final JdkHttpServer server;

    private AdminServer(JdkHttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code target} as {@code options} say.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound (the message names it)
     */
    public static AdminServer start(AdminOptions options, AdminTarget target) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(target, "target");
        AdminServer admin = new AdminServer(JdkHttpServer.start(
                options.host(),
                options.port(),
                "courier-admin-endpoint",
                "courier.admin",
                "/",
                new AdminHandler(options, target)));
        if (admin.server.loopback()) {
            log.info("Admin endpoint at {}", admin.url());
        } else {
            log.warn(
                    "Admin endpoint at {}, reachable from other hosts: its read-only paths need no token", admin.url());
        }
        if (options.token().isEmpty()) {
            log.info(
                    "No {} is set: the admin endpoint refuses /offline and /online",
                    ApplicationKeys.ADMIN_TOKEN.name());
        }
        return admin;
    }

    /** The bound port (the actual one when 0 was configured). */
    public int port() {
        return server.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String url() {
        return server.url();
    }

    /**
     * The {@code host:port} others reach the endpoint at: its bind address, or {@code providerHost}
     * (the address the application's services are registered with) when it listens on every address.
     */
    public String advertised(String providerHost) {
        java.net.InetSocketAddress address = server.address();
        String host = address.getAddress().isAnyLocalAddress() ? providerHost : address.getHostString();
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "AdminServer(" + url() + ")";
    }
}
