package io.courier.bootstrap.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.status.CourierStatus;
import io.courier.filter.config.FilterKeys;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of the admin endpoint and the checks every request passes before any work, in this
 * order: the path's length, the path, the method, the declared body length, the token (for state
 * changes), then the body itself. Runs on the endpoint's single thread.
 */
final class AdminHandler implements HttpHandler {

    /** The largest request body accepted; the switches take none. */
    static final int MAX_BODY_BYTES = 1024;
    /** The longest request path accepted. */
    static final int MAX_PATH_LENGTH = 256;

    /** {@code GET /schema/<protocol>/<service>}: a service described in a port protocol's schema language. */
    static final String SCHEMA_PREFIX = "/schema/";

    /**
     * How long {@code /events} waits for the event brokers: within the console's read timeout, so that
     * a slow Kafka still gives the console this application's own part.
     */
    static final Duration EVENTS_TIMEOUT = Duration.ofMillis(1500);

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final AdminOptions options;
    private final AdminTarget target;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /** What one path answers: its method, whether it changes state (token required), and the work. */
    private record Route(String method, boolean changesState, Action action) {}

    @FunctionalInterface
    private interface Action {
        void run(AdminExchange exchange) throws IOException;
    }

    AdminHandler(AdminOptions options, AdminTarget target) {
        this.options = options;
        this.target = target;
        routes.put("/health/live", new Route("GET", false, this::live));
        routes.put("/health/ready", new Route("GET", false, this::ready));
        routes.put("/services", new Route("GET", false, this::services));
        routes.put(
                "/references", new Route("GET", false, http -> http.json(200, Documents.references(target.status()))));
        routes.put(
                "/config",
                new Route(
                        "GET",
                        false,
                        http -> http.json(200, Documents.config(target.configuration(), target.rejectedSettings()))));
        routes.put("/metrics", new Route("GET", false, this::metrics));
        routes.put(
                "/events",
                new Route("GET", false, http -> http.json(200, Documents.events(target.events(EVENTS_TIMEOUT)))));
        routes.put("/offline", new Route("POST", true, http -> switched(http, false)));
        routes.put("/online", new Route("POST", true, http -> switched(http, true)));
    }

    @Override
    public void handle(HttpExchange raw) {
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
        if (route == null && path.startsWith(SCHEMA_PREFIX)) {
            route = new Route("GET", false, this::schema);
        }
        if (route == null) {
            http.problem(
                    404,
                    "Not Found",
                    "no admin resource at this path (expected: one of "
                            + AdminExchange.known(List.copyOf(routes.keySet())) + ", " + SCHEMA_PREFIX
                            + "<protocol>/<service>)");
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
            http.problem(
                    403,
                    "Forbidden",
                    "state changes are off: no " + ApplicationKeys.ADMIN_TOKEN.name() + " is configured");
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
        extra.put("phase", status.phase().name().toLowerCase(Locale.ROOT));
        extra.put("reasons", readiness.reasons());
        http.problem(503, "Not Ready", String.join("; ", readiness.reasons()), extra);
    }

    /** The services document, with the server's connections and calls in flight when it serves. */
    private void services(AdminExchange http) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>(Documents.services(target.status()));
        target.server().ifPresent(server -> body.put("server", Documents.server(server)));
        http.json(200, body);
    }

    private void metrics(AdminExchange http) throws IOException {
        var text = target.prometheusText();
        if (text.isEmpty()) {
            http.problem(
                    404,
                    "Not Found",
                    "metrics are off (expected: " + FilterKeys.METRICS_ENABLED.name() + "=true, with"
                            + " the application's MeterRegistry a PrometheusMeterRegistry, as it is by default)");
            return;
        }
        http.text(200, PROMETHEUS_TYPE, text.get());
    }

    private void schema(AdminExchange http) throws IOException {
        String rest = http.path().substring(SCHEMA_PREFIX.length());
        int slash = rest.indexOf('/');
        String protocol = slash > 0 ? rest.substring(0, slash) : rest;
        String service = slash > 0 ? URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8) : "";
        if (service.isEmpty()) {
            http.problem(
                    404,
                    "Not Found",
                    http.path() + " (expected: " + SCHEMA_PREFIX
                            + "<protocol>/<service>, as /schema/grpc/com.acme.UserService)");
            return;
        }
        var text = target.describe(protocol, service);
        if (text.isEmpty()) {
            http.problem(
                    404,
                    "Not Found",
                    "no exported service " + service + " described by protocol " + protocol
                            + " (expected: the key of an exported service, [group/]interface[:version], and a protocol"
                            + " the port serves that describes services, as grpc with rpc-grpc on the class path)");
            return;
        }
        http.text(200, "text/plain; charset=utf-8", text.get());
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
}
