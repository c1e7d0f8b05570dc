package io.courier.filter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.filter.Echo;
import io.courier.filter.Fixtures;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MetricsTest {

    private static final Map<String, String> ENDPOINT = Map.of(
            "courier.filter.metrics.enabled", "true",
            "courier.filter.metrics.prometheus.enabled", "true",
            "courier.filter.metrics.prometheus.port", "0");

    @Test
    @Timeout(30)
    void prometheusEndpoint_scrapedOverHttp_showsCallsErrorsRejectionsAndLatency() throws Exception {
        SharedObjects shared = new SharedObjects();
        Map<String, String> properties = new java.util.HashMap<>(ENDPOINT);
        properties.put("courier.filter.work.rate-limit.qps", "0");
        Invoker provider =
                Fixtures.chain(Side.PROVIDER, Echo.class, properties, shared, Fixtures.implementation(invocation -> {
                    if (invocation.method().name().equals("fail")) {
                        throw Fixtures.sneaky(new Echo.EchoException("no"));
                    }
                    LockSupport.parkNanos(2_000_000);
                    return "ok";
                }));
        for (int i = 0; i < 5; i++) {
            assertThat(Outcome.of(provider.invoke(Fixtures.call(Echo.class, "echo", "x")))
                            .ok())
                    .isTrue();
        }
        for (int i = 0; i < 2; i++) {
            assertThat(Outcome.of(provider.invoke(Fixtures.call(Echo.class, "fail", "x")))
                            .result()
                            .hasException())
                    .isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Outcome.of(provider.invoke(Fixtures.call(Echo.class, "work", 1)))
                            .rpcFailure()
                            .code())
                    .isEqualTo(ErrorCode.RATE_LIMITED);
        }
        PrometheusEndpoint endpoint = shared.find(PrometheusEndpoint.class).orElseThrow();
        assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
        URI uri = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + "/metrics");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String body = response.body();
        String echo = "method=\"echo\",service=\"io.courier.filter.Echo\",side=\"provider\"";
        assertThat(body)
                .contains("courier_rpc_calls_total{" + echo + "} 5.0")
                .contains("courier_rpc_duration_seconds_count{" + echo + "} 5")
                .contains("courier_rpc_duration_seconds{" + echo + ",quantile=\"0.99\"}")
                .contains("courier_rpc_in_flight{" + echo + "} 0.0")
                .contains("courier_rpc_errors_total{code=\"BUSINESS\",method=\"fail\"")
                .doesNotContain("courier_rpc_errors_total{code=\"RATE_LIMITED\"")
                .contains("courier_rpc_rejections_total{method=\"work\",reason=\"rate-limited\"");
        assertThat(line(body, "courier_rpc_duration_seconds_sum{" + echo + "}"))
                .as("five calls of about 2 ms each")
                .isGreaterThan(0.005);
        assertThat(line(body, "courier_rpc_rejections_total{method=\"work\",reason=\"rate-limited\""))
                .as("refused by the limit: counted apart, not as errors")
                .isEqualTo(3.0);

        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);

        shared.close();
        assertThatThrownBy(() -> http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfAny(ConnectException.class, IOException.class);
    }

    @Test
    void oneEndpointPerApplication_sharedByEveryService() {
        try (SharedObjects shared = new SharedObjects()) {
            Fixtures.chain(Side.PROVIDER, Echo.class, ENDPOINT, shared, Fixtures.implementation(i -> "ok"));
            PrometheusEndpoint first = shared.find(PrometheusEndpoint.class).orElseThrow();
            Fixtures.chain(Side.CONSUMER, Echo.class, ENDPOINT, shared, Fixtures.implementation(i -> "ok"));

            assertThat(shared.find(PrometheusEndpoint.class)).containsSame(first);
        }
    }

    @Test
    void metricsOff_byDefault_bindNoFilterAndStartNoEndpoint() {
        try (SharedObjects shared = new SharedObjects()) {
            assertThat(new MetricsFilter().bind(Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared)))
                    .isNull();
            assertThat(shared.find(MeterRegistry.class)).isEmpty();
            assertThat(shared.find(PrometheusEndpoint.class)).isEmpty();
        }
    }

    @Test
    void applicationsOwnRegistry_receivesTheMeters_andTheEndpointRequiresPrometheus() {
        try (SharedObjects shared = new SharedObjects()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            shared.register(MeterRegistry.class, registry);
            Invoker provider = Fixtures.chain(
                    Side.PROVIDER,
                    Echo.class,
                    Map.of("courier.filter.metrics.enabled", "true"),
                    shared,
                    Fixtures.implementation(i -> "ok"));
            Outcome.of(provider.invoke(Fixtures.call(Echo.class, "echo", "x")));

            assertThat(registry.get("courier.rpc.calls")
                            .tag("method", "echo")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThatThrownBy(() ->
                            new MetricsFilter().bind(Fixtures.context(Side.PROVIDER, Echo.class, ENDPOINT, shared)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("courier.filter.metrics.prometheus.enabled: true (expected:");
        }
    }

    private static double line(String body, String prefix) {
        return body.lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + body));
    }

    @Test
    @Timeout(30)
    void twoChainsOfOneService_feedOneInFlightGauge() {
        SharedObjects shared = new SharedObjects();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        shared.register(MeterRegistry.class, registry);
        java.util.concurrent.CompletableFuture<io.courier.api.RpcResult> gate =
                new java.util.concurrent.CompletableFuture<>();
        Invoker held = invocation -> gate;
        Map<String, String> enabled = Map.of("courier.filter.metrics.enabled", "true");
        // Two references to one service with different options: two chains, the same tags.
        Invoker first = Fixtures.chain(Side.CONSUMER, Echo.class, enabled, shared, held);
        Invoker second = Fixtures.chain(Side.CONSUMER, Echo.class, enabled, shared, held);

        var one = first.invoke(Fixtures.call(Echo.class, "echo", "a"));
        var two = second.invoke(Fixtures.call(Echo.class, "echo", "b"));
        var three = second.invoke(Fixtures.call(Echo.class, "echo", "c"));

        assertThat(registry.find("courier.rpc.in.flight").tag("method", "echo").gauges())
                .hasSize(1);
        assertThat(registry.get("courier.rpc.in.flight")
                        .tag("method", "echo")
                        .gauge()
                        .value())
                .isEqualTo(3.0);
        gate.complete(io.courier.api.RpcResult.of("done"));
        assertThat(one).isDone();
        assertThat(two).isDone();
        assertThat(three).isDone();
        assertThat(registry.get("courier.rpc.in.flight")
                        .tag("method", "echo")
                        .gauge()
                        .value())
                .isEqualTo(0.0);
        assertThat(registry.get("courier.rpc.calls")
                        .tag("method", "echo")
                        .counter()
                        .count())
                .isEqualTo(3.0);
        shared.close();
    }
}
