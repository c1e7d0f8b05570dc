package io.courier.observability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Debian's Prometheus and Alertmanager for one test class, on 127.0.0.1, free ports and a temporary
 * directory: Prometheus scrapes the given targets every {@link #SCRAPE_INTERVAL}, evaluates the
 * given rules as often, and sends alerts to the Alertmanager, which posts them to a webhook at once
 * (no group wait). {@link #close()} kills both and deletes the directory.
 */
final class PrometheusStack implements AutoCloseable {

    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final int prometheusPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process alertmanager;
    private Process prometheus;

    private PrometheusStack(Path directory, int prometheusPort) {
        this.directory = directory;
        this.prometheusPort = prometheusPort;
    }

    /**
     * Starts both; {@code jobs} maps a job name to its one target ({@code host:port}), {@code rules}
     * is the rules file's text.
     */
    static PrometheusStack start(String rules, Map<String, String> jobs, String webhook) throws Exception {
        Path prometheus = DebianTools.require(DebianTools.PROMETHEUS, "prometheus");
        Path alertmanager = DebianTools.require(DebianTools.ALERTMANAGER, "prometheus-alertmanager");
        PrometheusStack stack = new PrometheusStack(Files.createTempDirectory("courier-prometheus-"), freePort());
        try {
            int alertmanagerPort = freePort();
            Files.writeString(
                    stack.directory.resolve("alertmanager.yml"),
                    """
                    route:
                      receiver: test
                      group_by: [alertname, job, service]
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: test
                        webhook_configs:
                          - url: %s
                            send_resolved: true
                    """
                            .formatted(webhook));
            stack.alertmanager = stack.launch(
                    "alertmanager.log",
                    alertmanager.toString(),
                    "--config.file=alertmanager.yml",
                    "--storage.path=alertmanager-data",
                    "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                    "--cluster.listen-address=");
            Files.writeString(stack.directory.resolve("rules.yml"), rules);
            Files.writeString(stack.directory.resolve("prometheus.yml"), prometheusConfig(jobs, alertmanagerPort));
            stack.prometheus = stack.launch(
                    "prometheus.log",
                    prometheus.toString(),
                    "--config.file=prometheus.yml",
                    "--storage.tsdb.path=prometheus-data",
                    "--web.listen-address=127.0.0.1:" + stack.prometheusPort);
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    private static String prometheusConfig(Map<String, String> jobs, int alertmanagerPort) {
        String scrapes = jobs.entrySet().stream()
                .map(job -> "  - job_name: " + job.getKey() + "\n    static_configs:\n      - targets: ['"
                        + job.getValue() + "']\n")
                .collect(Collectors.joining());
        long seconds = SCRAPE_INTERVAL.toSeconds();
        return "global:\n  scrape_interval: " + seconds + "s\n  scrape_timeout: " + seconds + "s\n"
                + "  evaluation_interval: " + seconds + "s\n"
                + "rule_files: [rules.yml]\n"
                + "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:"
                + alertmanagerPort + "']\n"
                + "scrape_configs:\n" + scrapes;
    }

    private Process launch(String log, String... command) throws IOException {
        return new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(log).toFile())
                .start();
    }

    /** Waits until the query {@code promql} has a result whose value is {@code value}, e.g. {@code up == 1}. */
    void awaitValue(String promql, String value, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode result = query(promql).path("data").path("result");
            return result.size() > 0
                    && result.get(0).path("value").path(1).asText().equals(value);
        });
    }

    /** The answer of {@code /api/v1/query} to {@code promql}, whatever its status. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        checkAlive();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private void checkAlive() throws IOException {
        for (Process process : List.of(prometheus, alertmanager)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "a server exited: " + Files.readString(directory.resolve("prometheus.log"))
                                + Files.readString(directory.resolve("alertmanager.log")));
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process process :
                Stream.of(prometheus, alertmanager).filter(p -> p != null).toList()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
