package io.courier.observability;

import static io.courier.observability.LocalApps.attributes;
import static io.courier.observability.LocalApps.base;
import static io.courier.observability.LocalApps.direct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.filter.config.FilterKeys;
import io.courier.observability.fixtures.Back;
import io.courier.observability.fixtures.BackService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code courier.metrics.exporter=otlp}: Micrometer's OTLP registry pushes the application's meters,
 * decoded by the test receiver with the official OTLP protobuf definitions, while the Prometheus
 * endpoint keeps serving the same meters; an application's own registry is left alone; bad settings
 * are refused naming the key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OtlpMetricsTest {

    @Test
    void otlpExporter_pushesTheCallMeters_withTheResource_andPrometheusStillServesThem() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            String scrape;
            int scrapePort = freePort();
            try (Courier provider = pushing("stock", receiver)
                            .property(FilterKeys.METRICS_PROMETHEUS_ENABLED.name(), "true")
                            .property(FilterKeys.METRICS_PROMETHEUS_HOST.name(), "127.0.0.1")
                            .property(FilterKeys.METRICS_PROMETHEUS_PORT.name(), Integer.toString(scrapePort))
                            .export(new Back())
                            .start();
                    Courier consumer = pushing("till", receiver).start()) {
                BackService back = consumer.reference(BackService.class, direct(provider.port()));
                for (int i = 0; i < 3; i++) {
                    back.traceId("tea");
                }
                scrape = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scrapePort + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(receiver.metrics())
                        .as("nothing pushed before the step (a minute) or the stop")
                        .isEmpty();
            }
            assertThat(scrape).contains("courier_rpc_calls_total{");
            // stopping each application pushed its last step
            Map<String, List<Metric>> byService = receiver.metrics().stream()
                    .flatMap(request -> request.getResourceMetricsList().stream())
                    .collect(Collectors.groupingBy(
                            metrics -> attributes(metrics.getResource().getAttributesList())
                                    .get("service.name"),
                            Collectors.flatMapping(OtlpMetricsTest::metrics, Collectors.toList())));
            assertThat(byService).containsOnlyKeys("stock", "till");
            ResourceMetrics any = receiver.metrics().get(0).getResourceMetrics(0);
            assertThat(attributes(any.getResource().getAttributesList()))
                    .containsEntry("service.version", "2.0.1")
                    .containsKey("service.instance.id");
            Metric calls = byService.get("stock").stream()
                    .filter(metric -> metric.getName().equals("courier.rpc.calls"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no courier.rpc.calls in " + names(byService.get("stock"))));
            Sum sum = calls.getSum();
            assertThat(sum.getIsMonotonic()).isTrue();
            assertThat(sum.getDataPointsList()).anySatisfy(point -> {
                assertThat(point.getAsDouble()).isEqualTo(3.0);
                assertThat(attributes(point.getAttributesList()))
                        .containsEntry("side", "provider")
                        .containsEntry("method", "traceId");
            });
            assertThat(names(byService.get("till"))).contains("courier.rpc.duration");
        }
    }

    @Test
    void anApplicationsOwnRegistry_isLeftAlone() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            SimpleMeterRegistry own = new SimpleMeterRegistry();
            try (Courier provider = pushing("stock", receiver)
                            .meterRegistry(own)
                            .export(new Back())
                            .start();
                    Courier consumer = base("till").start()) {
                consumer.reference(BackService.class, direct(provider.port())).traceId("tea");
            }
            assertThat(own.find("courier.rpc.calls").counter()).isNotNull();
            assertThat(receiver.metrics()).isEmpty();
        }
    }

    @Test
    void invalidSettings_areRefusedNamingTheKey() {
        assertThatThrownBy(() -> base("bad")
                        .property(MetricsKeys.EXPORTER.name(), "statsd")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.metrics.exporter")
                .hasMessageContaining("statsd");
        assertThatThrownBy(() -> base("bad")
                        .property(MetricsKeys.EXPORTER.name(), "otlp")
                        .property(MetricsKeys.ENDPOINT.name(), "collector:4318")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.metrics.endpoint: 'collector:4318' (expected: an http:// or https://");
        assertThatThrownBy(() -> base("bad")
                        .property(MetricsKeys.EXPORTER.name(), "otlp")
                        .property(MetricsKeys.STEP_MILLIS.name(), "10")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.metrics.step-millis");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static java.util.stream.Stream<Metric> metrics(ResourceMetrics resource) {
        return resource.getScopeMetricsList().stream().flatMap(scope -> scope.getMetricsList().stream());
    }

    private static List<String> names(List<Metric> metrics) {
        return metrics.stream().map(Metric::getName).distinct().toList();
    }

    private static CourierBuilder pushing(String application, OtlpReceiver receiver) {
        return base(application)
                .property(FilterKeys.METRICS_ENABLED.name(), "true")
                .property(MetricsKeys.EXPORTER.name(), "otlp")
                .property(MetricsKeys.ENDPOINT.name(), receiver.metricsEndpoint())
                .property(MetricsKeys.STEP_MILLIS.name(), "60000")
                .property(TracingKeys.SERVICE_VERSION.name(), "2.0.1");
    }
}
