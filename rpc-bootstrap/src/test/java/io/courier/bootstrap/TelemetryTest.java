package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.fixtures.filters.Gate;
import io.courier.bootstrap.fixtures.filters.GateService;
import io.courier.bootstrap.fixtures.filters.Hop;
import io.courier.bootstrap.fixtures.filters.HopService;
import io.courier.bootstrap.fixtures.filters.Leaf;
import io.courier.bootstrap.fixtures.filters.LeafService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own OpenTelemetry and MeterRegistry handed to Courier, the Prometheus endpoint
 * on port 0 read back and scraped, and the in-flight gauge of two references to one service.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TelemetryTest {

    private static final Logger log = LoggerFactory.getLogger(TelemetryTest.class);

    @Test
    void applicationsOwnOpenTelemetry_getsTheClientAndServerSpansOfOneTrace() {
        InMemorySpanExporter providerSpans = InMemorySpanExporter.create();
        InMemorySpanExporter consumerSpans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk providerOtel = sdk(providerSpans);
                OpenTelemetrySdk consumerOtel = sdk(consumerSpans);
                Courier provider = Environments.builder()
                        .openTelemetry(providerOtel)
                        .export(Gate.opened())
                        .start();
                Courier consumer =
                        Environments.builder().openTelemetry(consumerOtel).start()) {
            consumer.reference(GateService.class, direct(provider.port())).pass("traced");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> providerSpans.getFinishedSpanItems().size() == 1
                            && consumerSpans.getFinishedSpanItems().size() == 1);
            SpanData client = consumerSpans.getFinishedSpanItems().get(0);
            SpanData server = providerSpans.getFinishedSpanItems().get(0);
            assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(server.getTraceId()).isEqualTo(client.getTraceId());
            assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
            assertThat(server.getName()).isEqualTo(GateService.class.getName() + "/pass");
        }
    }

    @Test
    void applicationsOwnMeterRegistry_getsCourierMeters_andIsNotClosedWithTheApplication() {
        SimpleMeterRegistry providerMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry consumerMeters = new SimpleMeterRegistry();
        try (Courier provider = Environments.builder()
                        .meterRegistry(providerMeters)
                        .property("courier.filter.metrics.enabled", "true")
                        .export(Gate.opened())
                        .start();
                Courier consumer = Environments.builder()
                        .meterRegistry(consumerMeters)
                        .property("courier.filter.metrics.enabled", "true")
                        .start()) {
            GateService service = consumer.reference(GateService.class, direct(provider.port()));
            for (int i = 0; i < 3; i++) {
                service.pass("counted");
            }
            assertThat(calls(providerMeters, "provider")).isEqualTo(3.0);
            assertThat(calls(consumerMeters, "consumer")).isEqualTo(3.0);
        }
        assertThat(providerMeters.isClosed()).isFalse();
        assertThatThrownBy(() ->
                        Environments.builder().meterRegistry(providerMeters).meterRegistry(consumerMeters))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("meterRegistry: already set");
    }

    @Test
    void prometheusEndpointOnPortZero_reportsItsPort_andIsScrapedOverHttp() throws Exception {
        Courier provider = Environments.builder()
                .property("courier.filter.metrics.enabled", "true")
                .property("courier.filter.metrics.prometheus.enabled", "true")
                .property("courier.filter.metrics.prometheus.port", "0")
                .export(Gate.opened())
                .start();
        try (Courier consumer = Environments.builder().start()) {
            assertThat(consumer.prometheusPort()).isEmpty();
            GateService service = consumer.reference(GateService.class, direct(provider.port()));
            for (int i = 0; i < 4; i++) {
                service.pass("scraped");
            }
            assertThat(provider.prometheusPort()).isPresent();
            int port = provider.prometheusPort().getAsInt();
            assertThat(port).isPositive();

            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            String tags = "method=\"pass\",service=\"" + GateService.class.getName() + "\",side=\"provider\"";
            assertThat(response.body())
                    .contains("courier_rpc_calls_total{" + tags + "} 4.0")
                    .contains("courier_rpc_duration_seconds_count{" + tags + "} 4");
        } finally {
            provider.close();
        }
        assertThat(provider.prometheusPort()).isEmpty();
    }

    @Test
    void twoReferencesToOneService_shareOneInFlightGauge_thatCountsBoth() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Gate gate = new Gate();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Courier provider = Environments.builder().export(gate).start();
                Courier consumer = Environments.builder()
                        .meterRegistry(meters)
                        .property("courier.filter.metrics.enabled", "true")
                        .start()) {
            // Different options, so two proxies and two chains with the same meter tags.
            GateService first = consumer.reference(GateService.class, direct(provider.port()));
            GateService second = consumer.reference(
                    GateService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                            .timeoutMillis(20_000)
                            .retries(0)
                            .build());
            assertThat(second).isNotSameAs(first);
            CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> first.pass("one"), callers);
            CompletableFuture<String> two = CompletableFuture.supplyAsync(() -> second.pass("two"), callers);

            await().atMost(Duration.ofSeconds(10)).until(() -> gate.executing() == 2);
            assertThat(meters.find("courier.rpc.in.flight").gauges()).hasSize(1);
            assertThat(inFlight(meters)).isEqualTo(2.0);

            gate.open();
            assertThat(one.get(10, TimeUnit.SECONDS)).isEqualTo("one");
            assertThat(two.get(10, TimeUnit.SECONDS)).isEqualTo("two");
            assertThat(inFlight(meters)).isZero();
        } finally {
            gate.open();
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void twoHopCall_isOneTraceWithParentChildSpans_andTheBudgetShrinksAtEachHop() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = sdk(spans);
                Courier c = Environments.builder()
                        .application("c")
                        .openTelemetry(otel)
                        .export(new Leaf())
                        .start();
                Courier b = Environments.builder()
                        .application("b")
                        .openTelemetry(otel)
                        .property(
                                "courier.service." + LeafService.class.getName() + ".url",
                                "courier://127.0.0.1:" + c.port())
                        .export(new Hop())
                        .start();
                Courier a = Environments.builder()
                        .application("a")
                        .openTelemetry(otel)
                        .start()) {
            // A's budget is below B's own timeout for C (3,000 ms), so what C gets can only come
            // from B's inherited budget.
            long budgetOfA = 2_500;
            String[] seen = a.reference(
                            HopService.class,
                            ReferenceOptions.builder()
                                    .directEndpoints(List.of(Endpoint.of("127.0.0.1", b.port())))
                                    .timeoutMillis(budgetOfA)
                                    .retries(0)
                                    .build())
                    .hop()
                    .split(" ");

            long budgetAtB = Long.parseLong(seen[0]);
            long budgetAtC = Long.parseLong(seen[1]);
            log.info("two hops: budget {} ms sent by A, {} ms at B, {} ms at C", budgetOfA, budgetAtB, budgetAtC);
            assertThat(budgetAtB).isLessThanOrEqualTo(budgetOfA);
            assertThat(budgetAtC).isLessThanOrEqualTo(budgetAtB - Hop.WORK_MILLIS);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> spans.getFinishedSpanItems().size() == 4);
            SpanData aClient = span(spans, "a", SpanKind.CLIENT);
            SpanData bServer = span(spans, HopService.class.getName(), SpanKind.SERVER);
            SpanData bClient = span(spans, LeafService.class.getName(), SpanKind.CLIENT);
            SpanData cServer = span(spans, LeafService.class.getName(), SpanKind.SERVER);
            assertThat(List.of(bServer, bClient, cServer))
                    .allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(aClient.getTraceId()));
            assertThat(bServer.getParentSpanId()).isEqualTo(aClient.getSpanId());
            assertThat(bClient.getParentSpanId()).isEqualTo(bServer.getSpanId());
            assertThat(cServer.getParentSpanId()).isEqualTo(bClient.getSpanId());
            assertThat(seen[2]).as("the trace id in C's MDC").isEqualTo(aClient.getTraceId());
            assertThat(cServer.getAttributes().get(AttributeKey.stringKey("rpc.system")))
                    .isEqualTo("courier");
            assertThat(cServer.getAttributes().get(AttributeKey.stringKey("rpc.method")))
                    .isEqualTo("leaf");
        }
    }

    /** The span of {@code kind} whose name starts with {@code service}; "a" means A's only client span. */
    private static SpanData span(InMemorySpanExporter spans, String service, SpanKind kind) {
        String prefix = service.equals("a") ? HopService.class.getName() : service;
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == kind && span.getName().startsWith(prefix + "/"))
                .findFirst()
                .orElseThrow();
    }

    private static double inFlight(MeterRegistry meters) {
        return meters.get("courier.rpc.in.flight")
                .tag("side", "consumer")
                .tag("method", "pass")
                .gauge()
                .value();
    }

    private static double calls(MeterRegistry meters, String side) {
        return meters.get("courier.rpc.calls")
                .tag("side", side)
                .tag("method", "pass")
                .counter()
                .count();
    }

    private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    private static ReferenceOptions direct(int port) {
        return FiltersOverSocketsTest.direct(port);
    }
}
