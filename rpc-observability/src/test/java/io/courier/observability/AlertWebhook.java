package io.courier.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The receiver Alertmanager's webhook posts to: each notification (Alertmanager's webhook JSON) kept
 * with the time it arrived, on 127.0.0.1 and a free port.
 */
final class AlertWebhook implements AutoCloseable {

    /** One alert of one notification: its name, status ({@code firing} or {@code resolved}) and arrival. */
    record Received(String alertname, String status, JsonNode labels, long nanoTime) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    AlertWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/alerts", exchange -> {
            long now = System.nanoTime();
            try (InputStream body = exchange.getRequestBody()) {
                for (JsonNode alert : JSON.readTree(body).path("alerts")) {
                    received.add(new Received(
                            alert.path("labels").path("alertname").asText(),
                            alert.path("status").asText(),
                            alert.path("labels"),
                            now));
                }
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    /** The first alert named {@code alertname} in {@code status} that arrived after {@code sinceNanos}. */
    Optional<Received> first(String alertname, String status, long sinceNanos) {
        return received.stream()
                .filter(alert -> alert.alertname().equals(alertname)
                        && alert.status().equals(status)
                        && alert.nanoTime() >= sinceNanos)
                .findFirst();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
