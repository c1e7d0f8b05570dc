package io.courier.bootstrap.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.courier.bootstrap.CourierStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * GET  /services       exported services and their registration
 * GET  /references     references and the providers each sees, with their state
 * GET  /config         effective configuration and the source of each value, secrets hidden
 * GET  /metrics        the Prometheus text of the application's meters
 * POST /offline        the operator's offline switch   (Authorization: Bearer &lt;courier.admin.token&gt;)
 * POST /online         the operator's online switch    (same)
 * </pre>
 *
 * Every request is checked before any work: the path's length, the path, the method, the declared
 * body length, the token, then the body itself (at most {@value #MAX_BODY_BYTES} bytes; no route
 * reads one). Errors are RFC 9457 problem documents without stack traces. Thread-safe.
 */
public final class AdminServer implements AutoCloseable {

    /** The largest request body accepted; the switches take none. */
    static final int MAX_BODY_BYTES = 1024;
    /** The longest request path accepted. */
    static final int MAX_PATH_LENGTH = 256;

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final AdminOptions options;
    private final AdminTarget target;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** What one path answers: its method, whether it changes state (token required), and the work. */
    private record Route(String method, boolean changesState, Action action) {}

    @FunctionalInterface
    private interface Action {
        void run(AdminExchange exchange) throws IOException;
    }

    private AdminServer(HttpServer server, ExecutorService executor, AdminOptions options, AdminTarget target) {
        this.server = server;
        this.executor = executor;
        this.options = options;
        this.target = target;
        routes.put("/health/live", new Route("GET", false, this::live));
        routes.put("/health/ready", new Route("GET", false, this::ready));
        routes.put("/services", new Route("GET", false, http -> http.json(200, Documents.services(target.status()))));
        routes.put(
                "/references", new Route("GET", false, http -> http.json(200, Documents.references(target.status()))));
        routes.put(
                "/config", new Route("GET", false, http -> http.json(200, Documents.config(target.configuration()))));
        routes.put("/metrics", new Route("GET", false, this::metrics));
        routes.put("/offline", new Route("POST", true, http -> switched(http, false)));
        routes.put("/online", new Route("POST", true, http -> switched(http, true)));
    }

    /**
     * Starts serving {@code target} as {@code options} say.
     *
     * @throws UncheckedIOException if the address cannot be bound (the message names it)
     */
    public static AdminServer start(AdminOptions options, AdminTarget target) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(target, "target");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "courier.admin: cannot listen on " + options.host() + ":" + options.port() + ": " + e, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courier-admin-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        AdminServer admin = new AdminServer(server, executor, options, target);
        server.setExecutor(executor);
        server.createContext("/", admin::handle);
        server.start();
        InetSocketAddress address = server.getAddress();
        if (address.getAddress().isLoopbackAddress()) {
            log.info("Admin endpoint at {}", admin.url());
        } else {
            log.warn(
                    "Admin endpoint at {}, reachable from other hosts: its read-only paths need no token", admin.url());
        }
        if (options.token().isEmpty()) {
            log.info("No courier.admin.token is set: the admin endpoint refuses /offline and /online");
        }
        return admin;
    }

    /** The bound port (the actual one when 0 was configured). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9090}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private void handle(HttpExchange raw) {
        try (raw) {
            AdminExchange http = new AdminExchange(raw);
            try {
                dispatch(http);
            } catch (RuntimeException e) {
                log.warn("Admin endpoint: {} {} failed", http.method(), http.path(), e);
                http.problem(500, "Internal Server Error", "the request failed; the application's log has the cause");
            }
        } catch (IOException e) {
            log.debug("Admin endpoint: answering failed", e); // the client went away
        }
    }

    private void dispatch(AdminExchange http) throws IOException {
        String path = http.path();
        if (path == null || path.length() > MAX_PATH_LENGTH) {
            http.problem(414, "URI Too Long", "the path is longer than " + MAX_PATH_LENGTH + " characters");
            return;
        }
        Route route = routes.get(path);
        if (route == null) {
            http.problem(
                    404,
                    "Not Found",
                    "no admin resource at this path (expected: one of "
                            + AdminExchange.known(List.copyOf(routes.keySet())) + ")");
            return;
        }
        if (!route.method().equals(http.method())) {
            http.methodNotAllowed(route.method());
            return;
        }
        long declared = http.declaredLength();
        if (declared > MAX_BODY_BYTES) {
            http.problem(
                    413,
                    "Content Too Large",
                    "the body is " + declared + " bytes (expected: at most " + MAX_BODY_BYTES
                            + "; no admin request needs one)");
            return;
        }
        if (declared == -2) {
            http.problem(400, "Bad Request", "Content-Length is not a number");
            return;
        }
        if (route.changesState() && !authorized(http)) {
            return;
        }
        if (!http.discardBody(MAX_BODY_BYTES)) {
            http.problem(413, "Content Too Large", "the body is longer than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        route.action().run(http);
    }

    /** Answers 401 or 403 and returns {@code false} unless the request carries the configured token. */
    private boolean authorized(AdminExchange http) throws IOException {
        if (options.token().isEmpty()) {
            http.problem(403, "Forbidden", "state changes are off: no courier.admin.token is configured");
            log.warn(
                    "Admin endpoint: refused {} {} from {}: no token is configured",
                    http.method(),
                    http.path(),
                    http.remote());
            return false;
        }
        String authorization = http.header("Authorization");
        String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
        if (!Secrets.tokenMatches(given, options.token())) {
            http.unauthorized(
                    given == null
                            ? "this request changes state (expected: Authorization: Bearer <courier.admin.token>)"
                            : "the token is wrong");
            log.warn(
                    "Admin endpoint: refused {} {} from {}: {} token",
                    http.method(),
                    http.path(),
                    http.remote(),
                    given == null ? "no" : "a wrong");
            return false;
        }
        return true;
    }

    private void live(AdminExchange http) throws IOException {
        http.json(200, Documents.live(target.status()));
    }

    private void ready(AdminExchange http) throws IOException {
        CourierStatus status = target.status();
        CourierStatus.Readiness readiness = status.readiness();
        if (readiness.ready()) {
            http.json(200, Documents.ready(status));
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ready", false);
        extra.put("phase", status.phase().name().toLowerCase(java.util.Locale.ROOT));
        extra.put("reasons", readiness.reasons());
        http.problem(503, "Not Ready", String.join("; ", readiness.reasons()), extra);
    }

    private void metrics(AdminExchange http) throws IOException {
        var text = target.prometheusText();
        if (text.isEmpty()) {
            http.problem(
                    404,
                    "Not Found",
                    "metrics are off (expected: courier.filter.metrics.enabled=true, with"
                            + " the application's MeterRegistry a PrometheusMeterRegistry, as it is by default)");
            return;
        }
        http.text(200, PROMETHEUS_TYPE, text.get());
    }

    private void switched(AdminExchange http, boolean online) throws IOException {
        try {
            if (online) {
                target.online();
            } else {
                target.offline();
            }
        } catch (IllegalStateException e) {
            http.problem(409, "Conflict", e.getMessage());
            return;
        }
        log.info("Admin endpoint: switched {} at the request of {}", online ? "online" : "offline", http.remote());
        http.json(200, Documents.switched(target.status()));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "AdminServer(" + url() + ")";
    }
}
