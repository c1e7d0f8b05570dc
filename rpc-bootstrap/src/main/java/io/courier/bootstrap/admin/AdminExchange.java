package io.courier.bootstrap.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One request to the admin endpoint: reading its limits and writing JSON, text or problem answers. */
final class AdminExchange {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PROBLEM_TYPE = "application/problem+json";

    private final HttpExchange exchange;

    AdminExchange(HttpExchange exchange) {
        this.exchange = exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getRawPath();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    String remote() {
        return exchange.getRemoteAddress() == null
                ? "?"
                : exchange.getRemoteAddress().toString();
    }

    /** The declared body length; -1 when none is declared (chunked or absent), -2 when it is not a number. */
    long declaredLength() {
        return RequestBodies.declaredLength(exchange);
    }

    /**
     * Reads and discards the body, up to {@code limit} bytes.
     *
     * @return whether the body fit within {@code limit}
     */
    boolean discardBody(int limit) throws IOException {
        return RequestBodies.discard(exchange, limit);
    }

    void json(int status, Object body) throws IOException {
        send(status, JSON_TYPE, bytes(body));
    }

    void text(int status, String contentType, String body) throws IOException {
        send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail}, plus {@code extra}. */
    void problem(int status, String title, String detail, Map<String, Object> extra) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        send(status, PROBLEM_TYPE, bytes(body));
    }

    void problem(int status, String title, String detail) throws IOException {
        problem(status, title, detail, Map.of());
    }

    /** 405 with the methods the path allows. */
    void methodNotAllowed(String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        problem(405, "Method Not Allowed", method() + " " + path() + " (expected: " + allowed + ")");
    }

    /** 401 asking for the bearer token. */
    void unauthorized(String detail) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"courier-admin\"");
        problem(401, "Unauthorized", detail);
    }

    private void send(int status, String contentType, byte[] body) throws IOException {
        RequestBodies.finish(exchange);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths a 404 lists. */
    static String known(List<String> paths) {
        return String.join(", ", paths);
    }
}
