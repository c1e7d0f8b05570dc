package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.rest.fixture.Users;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * REST calls on the provider path Courier's own calls take: the caller's {@code traceparent} makes the
 * provider's span part of the caller's trace, and a graceful close lets a call in flight answer (with
 * {@code Connection: close}) before the port closes.
 */
@Timeout(60)
class RestProviderPathTest {

    @Test
    void tracedByTheCallersContext_andDrainedOnClose() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        Users users = new Users("path");
        try (OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build()) {
            Courier provider = Courier.builder()
                    .application("rest-path")
                    .host("127.0.0.1")
                    .port(0)
                    .shutdownHook(false)
                    .openTelemetry(telemetry)
                    .export(users)
                    .start();
            String base = "http://127.0.0.1:" + provider.port();
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String parentId = "00f067aa0ba902b7";
            Http.Answer traced =
                    Http.curl(base + "/users/1", "-H", "traceparent: 00-" + traceId + "-" + parentId + "-01");
            assertThat(traced.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getTraceId().equals(traceId)));
            SpanData server = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .findFirst()
                    .orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo(parentId);
            assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);

            CompletableFuture<Http.Answer> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return Http.curl(base + "/users/slow/800");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(users.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
            provider.close();
            Http.Answer drained = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(drained.status()).isEqualTo(200);
            assertThat(drained.body()).isEqualTo("\"slept 800\"");
            assertThat(drained.header("connection")).isEqualTo("close");
        }
    }
}
