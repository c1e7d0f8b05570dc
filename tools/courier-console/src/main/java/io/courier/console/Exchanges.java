package io.courier.console;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.courier.bootstrap.admin.RequestBodies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reading requests and writing answers: bodies read up to {@link #MAX_BODY_BYTES} (a longer one is
 * refused before it is parsed), JSON nested at most {@link #MAX_DEPTH} deep, errors as RFC 9457
 * problem details, and the headers every answer carries (no caching, no framing, no sniffing, a
 * content security policy that allows only the console's own files).
 */
final class Exchanges {

    static final int MAX_BODY_BYTES = 300 * 1024;
    static final int MAX_DEPTH = 20;
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_BODY_BYTES)
                        .build());
    }

    /** A request that cannot be served, with its status and the detail shown to the operator. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Problem(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    private Exchanges() {}

    static JsonNode body(HttpExchange exchange) throws IOException, Problem {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && (!length.matches("[0-9]{1,9}") || Long.parseLong(length) > MAX_BODY_BYTES)) {
            throw new Problem(413, "body: " + length + " bytes (expected: at most " + MAX_BODY_BYTES + ")");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // not closed here: closing would drain the rest at once; the answer decides (RequestBodies.finish)
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (bytes.size() + n > MAX_BODY_BYTES) {
                throw new Problem(413, "body: more than " + MAX_BODY_BYTES + " bytes");
            }
            bytes.write(buffer, 0, n);
        }
        try {
            JsonNode body = JSON.readTree(bytes.toByteArray());
            if (body == null || !body.isObject()) {
                throw new Problem(400, "body: not a JSON object");
            }
            return body;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new Problem(400, "body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A required text field of at most {@code maxLength} characters. */
    static String text(JsonNode body, String field, int maxLength) throws Problem {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new Problem(400, field + ": missing (expected: a string)");
        }
        if (value.asText().length() > maxLength) {
            throw new Problem(
                    400, field + ": " + value.asText().length() + " characters (expected: at most " + maxLength + ")");
        }
        return value.asText();
    }

    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                String trimmed = part.trim();
                if (trimmed.startsWith(name + "=")) {
                    return trimmed.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    static void json(HttpExchange exchange, int status, Object value) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(value));
    }

    static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", title(status))
                .put("status", status)
                .put("detail", detail);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        RequestBodies.finish(exchange);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType + (contentType.startsWith("text/") ? "; charset=utf-8" : ""));
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            default -> "Internal Server Error";
        };
    }
}
