package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.courier.api.ServiceKey;
import io.courier.config.ConfigConflictException;
import io.courier.config.ConfigException;
import io.courier.config.ConfigScope;
import io.courier.config.InvalidConfigException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/*}: the session routes, then everything else for a logged-in operator only; every
 * state-changing request is a POST of JSON that carries the session's CSRF token in {@code
 * X-CSRF-Token} (and, when the browser sends one, an {@code Origin} of this server). Answers are
 * JSON; errors are problem details with the defect, never a stack trace.
 */
final class ApiHandler implements HttpHandler {

    static final String COOKIE = "courier_console_session";
    /** One more than the centre accepts, so that its own check names the length. */
    static final int MAX_DOCUMENT = 256 * 1024 + 1;
    /** The prefix of an application's document in the {@code key} of the config resources. */
    private static final String APPLICATION = "application:";

    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final Sessions sessions;
    private final AuditLog audit;
    private final Operations operations;
    private final TrafficViews traffic;
    private final EventsView events;

    ApiHandler(Sessions sessions, AuditLog audit, Operations operations, TrafficViews traffic, EventsView events) {
        this.sessions = sessions;
        this.audit = audit;
        this.operations = operations;
        this.traffic = traffic;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            boolean post = "POST".equals(method);
            if (!post && !"GET".equals(method)) {
                throw new Exchanges.Problem(405, method + " (expected: GET or POST)");
            }
            if (post) {
                checkPost(exchange);
            }
            if (path.equals("/api/login") && post) {
                login(exchange);
                return;
            }
            Sessions.Session session = sessions.find(Exchanges.cookie(exchange, COOKIE))
                    .orElseThrow(() -> new Exchanges.Problem(401, "not logged in"));
            if (post
                    && !Sessions.csrfMatches(
                            session, exchange.getRequestHeaders().getFirst("X-CSRF-Token"))) {
                audit.record(session.operator(), "POST " + path, "refused: bad CSRF token");
                throw new Exchanges.Problem(403, "X-CSRF-Token: missing or wrong (expected: the session's token)");
            }
            if (post) {
                Exchanges.json(exchange, 200, change(session, path, Exchanges.body(exchange)));
            } else {
                Exchanges.json(exchange, 200, read(session, path, Exchanges.query(exchange)));
            }
        } catch (Exchanges.Problem e) {
            Exchanges.problem(exchange, e.status, e.getMessage());
        } catch (Exception e) {
            log.warn("{} {} failed", method, path, e);
            Exchanges.problem(
                    exchange, 500, "the console failed: " + e.getClass().getSimpleName());
        }
    }

    private void checkPost(HttpExchange exchange) throws Exchanges.Problem {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new Exchanges.Problem(415, "Content-Type: " + type + " (expected: application/json)");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin != null && !origin.equals("http://" + host)) {
            throw new Exchanges.Problem(403, "Origin: " + origin + " (expected: http://" + host + ")");
        }
    }

    private void login(HttpExchange exchange) throws Exception {
        JsonNode body = Exchanges.body(exchange);
        String operator = Exchanges.text(body, "operator", 64).strip();
        String token = Exchanges.text(body, "token", 1024);
        if (operator.isEmpty() || !operator.matches("[\\p{L}\\p{N} ._@-]+")) {
            throw new Exchanges.Problem(
                    400, "operator: '" + operator + "' (expected: a name of letters, digits, . _ @ -)");
        }
        Sessions.Session[] opened = new Sessions.Session[1];
        Sessions.Outcome outcome = sessions.login(
                operator, token, exchange.getRemoteAddress().getAddress().getHostAddress(), opened);
        audit.record(operator, "login", outcome == Sessions.Outcome.OK ? "ok" : "refused: " + outcome);
        if (outcome == Sessions.Outcome.TOO_MANY_FAILURES) {
            throw new Exchanges.Problem(429, "too many failed logins from this address; wait a minute");
        }
        if (outcome != Sessions.Outcome.OK) {
            throw new Exchanges.Problem(401, "wrong token");
        }
        exchange.getResponseHeaders()
                .add("Set-Cookie", COOKIE + "=" + opened[0].id() + "; Path=/; HttpOnly; SameSite=Strict");
        Exchanges.json(exchange, 200, Map.of("operator", operator, "csrf", opened[0].csrf()));
    }

    private Object read(Sessions.Session session, String path, Map<String, String> query) throws Exception {
        return switch (path) {
            case "/api/session" -> session(session);
            case "/api/services" -> operations.services();
            case "/api/service" -> operations.service(key(query.get("key")));
            case "/api/application" -> operations.application(application(query.get("name")));
            case "/api/config/history" -> operations.history(scope(query.get("key")));
            case "/api/config/diff" -> operations.diff(scope(query.get("key")), revision(query.get("from")));
            case "/api/audit" -> audit.entries();
            case "/api/traffic" -> traffic.service(key(query.get("key")).toString());
            case "/api/topology" -> traffic.topology();
            case "/api/instance" -> traffic.instance(admin(query.get("admin")));
            case "/api/events" -> events.view();
            default -> throw new Exchanges.Problem(404, "no such resource: GET " + path);
        };
    }

    /** Who is logged in, and what the registry does not offer ({@code unavailable}, in its words), if anything. */
    private Map<String, Object> session(Sessions.Session session) {
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("operator", session.operator());
        answer.put("csrf", session.csrf());
        answer.put("unavailable", operations.unavailable().orElse(null));
        return answer;
    }

    private Object change(Sessions.Session session, String path, JsonNode body) throws Exception {
        String who = session.operator();
        if (path.equals("/api/logout")) {
            sessions.logout(session.id());
            audit.record(who, "logout", "ok");
            return Map.of("ok", true);
        }
        String keyText = Exchanges.text(body, "key", 1024);
        if (path.equals("/api/config/validate")) {
            Optional<String> defect =
                    operations.validate(scope(keyText), Exchanges.text(body, "document", MAX_DOCUMENT));
            return defect.isEmpty() ? Map.of("valid", true) : Map.of("valid", false, "error", defect.get());
        }
        String what = describe(path, body);
        try {
            Object result =
                    switch (path) {
                        case "/api/config" ->
                            operations.edit(
                                    scope(keyText), Exchanges.text(body, "document", MAX_DOCUMENT), basedOn(body), who);
                        case "/api/config/rollback" ->
                            operations.rollback(
                                    scope(keyText), body.path("revision").asLong(-1), who);
                        case "/api/providers/weight" ->
                            operations.weight(key(keyText), Exchanges.text(body, "address", 300), weight(body), who);
                        case "/api/providers/offline" ->
                            operations.offline(key(keyText), Exchanges.text(body, "address", 300), true, who);
                        case "/api/providers/online" ->
                            operations.offline(key(keyText), Exchanges.text(body, "address", 300), false, who);
                        case "/api/call" ->
                            operations.call(
                                    key(keyText),
                                    Exchanges.text(body, "method", 200),
                                    Exchanges.text(body, "arguments", 64 * 1024));
                        default -> throw new Exchanges.Problem(404, "no such resource: POST " + path);
                    };
            audit.record(who, what, outcome(result));
            return result;
        } catch (InvalidConfigException e) {
            audit.record(who, what, "refused: " + e.problem());
            throw new Exchanges.Problem(422, e.problem());
        } catch (ConfigConflictException e) {
            audit.record(who, what, "refused: " + e.getMessage());
            throw new Exchanges.Problem(409, e.getMessage() + "; reload and edit again");
        } catch (ConfigException e) {
            audit.record(who, what, "failed: " + e.getMessage());
            throw new Exchanges.Problem(502, e.getMessage());
        } catch (Exchanges.Problem e) {
            audit.record(who, what, "refused: " + e.getMessage());
            throw e;
        }
    }

    /** "ok", or for a test call that failed, "failed: " and why: the audit records what happened. */
    private static String outcome(Object result) {
        if (result instanceof Map<?, ?> answer && Boolean.FALSE.equals(answer.get("ok"))) {
            return "failed: " + answer.get("error");
        }
        return "ok";
    }

    private static String describe(String path, JsonNode body) {
        String key = body.path("key").asText();
        return switch (path) {
            case "/api/config" -> "edit config of " + key;
            case "/api/config/rollback" ->
                "rollback " + key + " to r" + body.path("revision").asLong(-1);
            case "/api/providers/weight" ->
                "weight " + body.path("address").asText() + " of " + key + " = " + body.path("weight");
            case "/api/providers/offline" -> "offline " + body.path("address").asText() + " of " + key;
            case "/api/providers/online" -> "online " + body.path("address").asText() + " of " + key;
            case "/api/call" -> "call " + key + "." + body.path("method").asText();
            default -> "POST " + path;
        };
    }

    /** The version an edit started from: required, so that an edit never overwrites one it did not see. */
    private static long basedOn(JsonNode body) throws Exchanges.Problem {
        JsonNode version = body.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() < 0) {
            throw new Exchanges.Problem(
                    400, "version: " + version + " (expected: the version edited, 0 when there was none)");
        }
        return version.asLong();
    }

    private static Integer weight(JsonNode body) throws Exchanges.Problem {
        JsonNode weight = body.get("weight");
        if (weight == null || weight.isNull()) {
            return null;
        }
        if (!weight.canConvertToInt() || !weight.isIntegralNumber()) {
            throw new Exchanges.Problem(400, "weight: " + weight + " (expected: an integer 0 to 10000, or null)");
        }
        return weight.asInt();
    }

    private static ServiceKey key(String text) throws Exchanges.Problem {
        if (text == null || text.isBlank()) {
            throw new Exchanges.Problem(400, "key: missing (expected: a service key [group/]interface[:version])");
        }
        try {
            return ServiceKey.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Exchanges.Problem(400, "key: '" + text + "' (expected: [group/]interface[:version])");
        }
    }

    /** {@code application:NAME} is an application's document; anything else names a service's. */
    private static ConfigScope scope(String text) throws Exchanges.Problem {
        if (text != null && text.startsWith(APPLICATION)) {
            return ConfigScope.application(application(text.substring(APPLICATION.length())));
        }
        return ConfigScope.service(key(text));
    }

    private static String application(String name) throws Exchanges.Problem {
        if (name == null || name.isBlank() || !name.equals(name.strip()) || name.length() > 500) {
            throw new Exchanges.Problem(400, "application: '" + name + "' (expected: an application's name)");
        }
        return name;
    }

    private static String admin(String text) throws Exchanges.Problem {
        return AdminFetch.address(text)
                .orElseThrow(() ->
                        new Exchanges.Problem(400, "admin: '" + text + "' (expected: an admin endpoint's host:port)"));
    }

    private static long revision(String text) throws Exchanges.Problem {
        if (text == null || !text.matches("[0-9]{1,10}")) {
            throw new Exchanges.Problem(400, "from: '" + text + "' (expected: a revision number)");
        }
        return Long.parseLong(text);
    }
}
