package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.gateway.fixtures.OrderDesk;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What curl does: POST JSON to /{service}/{method} and get the provider's answer, found in ZooKeeper. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayCallTest {

    static final String DESK = "/" + OrderDesk.class.getName();
    static final ObjectMapper JSON = new ObjectMapper();
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static OpenTelemetrySdk telemetry;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        fixture = new GatewayFixture(GatewayOptions.builder(), telemetry);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
        telemetry.close();
    }

    @Test
    void placeOrder_byParameterName_reachesTheProviderFoundInZooKeeper() throws Exception {
        HttpResponse<String> response = fixture.post(
                DESK + "/place",
                "{\"order\":{\"sku\":\"tea\",\"quantity\":2,\"notes\":[\"green\"]},\"customer\":\"ann\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.path("id").asLong()).isEqualTo(42);
        assertThat(receipt.path("sku").asText()).isEqualTo("tea");
        assertThat(receipt.path("customer").asText()).isEqualTo("ann");
    }

    @Test
    void everyAnswer_forbidsFraming_andSniffing() {
        for (HttpResponse<String> answer :
                List.of(fixture.get("/docs"), fixture.get("/no/such/page"), fixture.post("/nope/x", "{}"))) {
            assertThat(answer.headers().firstValue("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(answer.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void callsByPosition_andJavaTimeAsIso8601() {
        assertThat(fixture.post(DESK + "/add", "[40, 2]").body()).isEqualTo("42");
        assertThat(fixture.post(DESK + "/echo", "[\"hi\"]").body()).isEqualTo("\"hi\"");
        assertThat(fixture.post(DESK + "/now", "[]").body()).isEqualTo("\"2026-11-22T10:00:00Z\"");
    }

    @Test
    void traceparent_joinsTheTrace() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        HttpResponse<String> response =
                fixture.post(DESK + "/traceparent", "[]", "traceparent", "00-" + traceId + "-" + parentId + "-01");
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SPANS.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getName().endsWith("/traceparent")));
        SpanData server = SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getName().endsWith("/traceparent"))
                .findFirst()
                .orElseThrow();
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanId()).isEqualTo(parentId);
    }

    @Test
    void businessException_isAProblemWithItsClassAndMessage() throws Exception {
        HttpResponse<String> response =
                fixture.post(DESK + "/place", "{\"order\":{\"sku\":\"tea\",\"quantity\":500},\"customer\":\"ann\"}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("exception").asText()).isEqualTo("io.courier.gateway.fixtures.OutOfStock");
        assertThat(problem.path("message").asText()).isEqualTo("only 100 of tea left");
        assertThat(problem.path("status").asInt()).isEqualTo(422);
        assertThat(response.body()).doesNotContain("at io.courier");
    }

    @Test
    void errorCodes_mapToHttpStatuses_andMetricsCount() throws Exception {
        HttpResponse<String> metrics = fixture.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(metrics.body()).path("responses").path("2xx").asLong())
                .isPositive();
        assertThat(Problems.statusOf(io.courier.api.ErrorCode.NO_PROVIDER).code())
                .isEqualTo(503);
        assertThat(Problems.statusOf(io.courier.api.ErrorCode.TIMEOUT).code()).isEqualTo(504);
        assertThat(Problems.statusOf(io.courier.api.ErrorCode.RATE_LIMITED).code())
                .isEqualTo(429);
        assertThat(Problems.statusOf(io.courier.api.ErrorCode.FORBIDDEN).code()).isEqualTo(403);
        assertThat(Problems.statusOf(io.courier.api.ErrorCode.BAD_REQUEST).code())
                .isEqualTo(400);
    }

    /**
     * A keep-alive HTTP/1.1 connection outlives the request deadline: the deadline of a request that
     * arrived whole is disarmed, so the connection serves its next request after the deadline's time.
     */
    @Test
    void keepAliveConnection_servesTheNextRequest_afterTheRequestDeadlinesTime() throws Exception {
        try (Gateway quick = Gateway.start(
                        fixture.edge,
                        GatewayOptions.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .requestTimeoutMillis(300)
                                .build());
                io.courier.testkit.RawHttp connection = new io.courier.testkit.RawHttp(quick.port())) {
            byte[] body = "[\"one\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String json = "Content-Type: application/json\r\n";
            String echo = "POST /" + OrderDesk.class.getName() + "/echo";
            assertThat(connection.exchange(echo, json, body).status()).isEqualTo(200);
            long answered = System.nanoTime();
            // time must pass: three deadlines' worth, measured, not slept in the hope of it
            await().pollDelay(Duration.ofMillis(900))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> System.nanoTime() - answered > 900_000_000L);
            io.courier.testkit.RawHttp.Answer second = connection.exchange(echo, json, body);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.closesConnection()).isFalse();
        }
    }

    /**
     * The idle timeout: a connection that sends nothing is closed once it has passed, not before; a
     * connection whose calls keep coming (reads and answers flushed) is served for three times as long.
     */
    @Test
    void idleConnection_isClosedAfterTheIdleTimeout_whileABusyOneIsServedOn() throws Exception {
        long idleNanos = 400_000_000L;
        try (Gateway quick = Gateway.start(
                        fixture.edge,
                        GatewayOptions.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .idleTimeoutMillis(idleNanos / 1_000_000)
                                .build());
                java.net.Socket idle = new java.net.Socket("127.0.0.1", quick.port())) {
            idle.setSoTimeout(10_000);
            long opened = System.nanoTime();
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
            assertThat(System.nanoTime() - opened).isGreaterThanOrEqualTo(idleNanos);

            try (io.courier.testkit.RawHttp busy = new io.courier.testkit.RawHttp(quick.port())) {
                byte[] body = "[\"busy\"]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                String json = "Content-Type: application/json\r\n";
                String echo = "POST /" + OrderDesk.class.getName() + "/echo";
                long started = System.nanoTime();
                for (int i = 0; i < 100 && System.nanoTime() - started < 3 * idleNanos; i++) {
                    assertThat(busy.exchange(echo, json, body).status()).isEqualTo(200);
                    long answered = System.nanoTime();
                    await().pollDelay(Duration.ofMillis(100))
                            .atMost(Duration.ofSeconds(5))
                            .until(() -> System.nanoTime() - answered >= 100_000_000L);
                }
                assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(3 * idleNanos);
                assertThat(busy.exchange(echo, json, body).status()).isEqualTo(200);
            }
        }
    }
}
