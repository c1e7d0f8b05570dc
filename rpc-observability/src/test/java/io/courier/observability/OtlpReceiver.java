package io.courier.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OTLP/HTTP receiver for tests: the JDK's HTTP server on 127.0.0.1 that decodes each
 * {@code POST /v1/traces} and {@code /v1/metrics} body with the official OTLP protobuf definitions
 * ({@code io.opentelemetry.proto:opentelemetry-proto}) and answers 200 with an empty response. No OTLP collector is packaged for this machine, so this stands
 * in for one; the bytes it decodes are what the exporter sends to a collector.
 */
final class OtlpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();
    private final List<ExportMetricsServiceRequest> metrics = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/v1/traces",
                exchange -> receive(exchange, body -> requests.add(ExportTraceServiceRequest.parseFrom(body))));
        server.createContext(
                "/v1/metrics",
                exchange -> receive(exchange, body -> metrics.add(ExportMetricsServiceRequest.parseFrom(body))));
        server.start();
    }

    private interface Decoder {
        void decode(InputStream body) throws IOException;
    }

    private void receive(HttpExchange exchange, Decoder decoder) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            decoder.decode(body);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    String metricsEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics";
    }

    List<ExportMetricsServiceRequest> metrics() {
        return List.copyOf(metrics);
    }

    List<ExportTraceServiceRequest> requests() {
        return List.copyOf(requests);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
