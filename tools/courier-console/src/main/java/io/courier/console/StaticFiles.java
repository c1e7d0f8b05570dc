package io.courier.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page: files of our own from the jar ({@code index.html}, {@code console.js}, {@code charts.js}:
 * the SVG charts, {@code topology.js}: the topology drawing, {@code instances.js}: the topology and
 * instance pages, {@code history.js}: a document's versions, {@code settings.js}: an application's own
 * settings, {@code console.css}), read once; nothing is fetched from any other server.
 */
final class StaticFiles implements HttpHandler {

    private record File(String contentType, byte[] bytes) {}

    private final Map<String, File> files = Map.of(
            "/", load("index.html", "text/html"),
            "/console.js", load("console.js", "text/javascript"),
            "/charts.js", load("charts.js", "text/javascript"),
            "/topology.js", load("topology.js", "text/javascript"),
            "/instances.js", load("instances.js", "text/javascript"),
            "/history.js", load("history.js", "text/javascript"),
            "/settings.js", load("settings.js", "text/javascript"),
            "/console.css", load("console.css", "text/css"));

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        File file = files.get(exchange.getRequestURI().getPath());
        if (file == null) {
            Exchanges.problem(
                    exchange, 404, "no such page: " + exchange.getRequestURI().getPath());
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            Exchanges.problem(exchange, 405, exchange.getRequestMethod() + " (expected: GET)");
            return;
        }
        Exchanges.send(exchange, 200, file.contentType(), file.bytes());
    }

    private static File load(String name, String contentType) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/courier/console/" + name);
            }
            return new File(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
