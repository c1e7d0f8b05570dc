package io.courier.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A REST service that is not Courier: the JDK's own {@code HttpServer}, answering {@code GET
 * /users/{id}} and {@code POST /users} by hand. It counts requests by verb, keeps the last request's
 * trace context and time header; when failing it answers 500, when crashing it drops each request's connection unanswered, as a
 * server dying mid-call does.
 */
final class StockUserServer implements AutoCloseable {

    final String name;
    final ConcurrentMap<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    volatile String lastTraceparent;
    volatile String lastTimeout;
    volatile boolean crashing;
    volatile boolean failing;
    private final HttpServer server;

    StockUserServer(String name) throws IOException {
        this.name = name;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/users", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    int count(String verb) {
        return requests.getOrDefault(verb, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String verb = exchange.getRequestMethod();
        requests.computeIfAbsent(verb, v -> new AtomicInteger()).incrementAndGet();
        lastTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
        lastTimeout = exchange.getRequestHeaders().getFirst("X-Courier-Timeout-Millis");
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (crashing) {
            exchange.close(); // no status line: the caller's connection ends with no answer
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String answer;
        int status = 200;
        if (failing) {
            status = 500;
            answer = "{\"error\":\"failing\"}";
        } else if (verb.equals("GET") && path.matches("/users/\\d+")) {
            String id = path.substring("/users/".length());
            answer = "{\"id\":" + id + ",\"name\":\"" + name + "\",\"role\":\"MEMBER\",\"joined\":\"2026-01-01\"}";
        } else if (verb.equals("POST") && path.equals("/users")) {
            answer = new String(body, StandardCharsets.UTF_8);
        } else {
            status = 404;
            answer = "{\"error\":\"no such user\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
