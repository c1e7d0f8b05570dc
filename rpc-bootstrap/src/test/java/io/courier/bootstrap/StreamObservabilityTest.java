package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.fixtures.streams.FeedService;
import io.courier.bootstrap.fixtures.streams.JdkFeedService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Filters see a stream's end on both sides, over real sockets: the tracing span of a stream ends
 * once, when the stream completes, fails or is cancelled (not when it opens), and the metrics'
 * {@code courier.stream.open} gauge goes back to 0 while {@code courier.stream.messages} counts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamObservabilityTest {

    private static final AttributeKey<Long> MESSAGES = AttributeKey.longKey("courier.stream.messages");
    private static final AttributeKey<Boolean> CANCELLED = AttributeKey.booleanKey("courier.stream.cancelled");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final InMemorySpanExporter providerSpans = InMemorySpanExporter.create();
    private final InMemorySpanExporter consumerSpans = InMemorySpanExporter.create();
    private final SimpleMeterRegistry providerMeters = new SimpleMeterRegistry();
    private final SimpleMeterRegistry consumerMeters = new SimpleMeterRegistry();
    private final JdkFeedService feedService = new JdkFeedService("feed");
    private OpenTelemetrySdk providerOtel;
    private OpenTelemetrySdk consumerOtel;
    private Courier provider;
    private Courier consumer;
    private FeedService feed;

    @BeforeEach
    void start() {
        providerOtel = sdk(providerSpans);
        consumerOtel = sdk(consumerSpans);
        provider = Environments.builder()
                .application("feed")
                .openTelemetry(providerOtel)
                .meterRegistry(providerMeters)
                .property("courier.filter.metrics.enabled", "true")
                .export(feedService)
                .start();
        consumer = Environments.builder()
                .application("consumer")
                .openTelemetry(consumerOtel)
                .meterRegistry(consumerMeters)
                .property("courier.filter.metrics.enabled", "true")
                .start();
        feed = consumer.reference(
                FeedService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                        .build());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable :
                new AutoCloseable[] {consumer, provider, feedService, consumerOtel, providerOtel}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void completedStream_endsOneSpanPerSide_withItsMessages_andTheOpenGaugeReturnsToZero() throws Exception {
        Ticks received = new Ticks(Long.MAX_VALUE);
        feed.ticks(500).subscribe(received);
        received.done.get(30, TimeUnit.SECONDS);

        SpanData client = onlySpan(consumerSpans);
        SpanData server = onlySpan(providerSpans);
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
        for (SpanData span : List.of(client, server)) {
            assertThat(span.getName()).isEqualTo(FeedService.class.getName() + "/ticks");
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getAttributes().get(MESSAGES)).isEqualTo(500L);
            assertThat(span.getAttributes().get(CANCELLED)).isNull();
        }
        assertStreamMeters("ticks", 500);

        // The transport's totals: every message once each way, the same payload bytes on both ends.
        assertThat(transport(providerMeters, "messages", "provider", "sent")).isEqualTo(500.0);
        assertThat(transport(consumerMeters, "messages", "consumer", "received"))
                .isEqualTo(500.0);
        assertThat(transport(consumerMeters, "messages", "consumer", "sent")).isZero();
        assertThat(transport(consumerMeters, "bytes", "consumer", "received"))
                .isEqualTo(transport(providerMeters, "bytes", "provider", "sent"))
                .isGreaterThan(500.0);
        assertThat(consumerMeters.get("courier.transport.stream.open").gauge().value())
                .isZero();
    }

    private static double transport(SimpleMeterRegistry meters, String what, String side, String direction) {
        return meters.get("courier.transport.stream." + what)
                .tag("side", side)
                .tag("direction", direction)
                .functionCounter()
                .count();
    }

    @Test
    void failedStream_endsOneSpanPerSide_withTheErrorCode() throws Exception {
        Ticks received = new Ticks(Long.MAX_VALUE);
        feed.failing(3, "no more ticks").subscribe(received);
        received.done.handle((ignored, failure) -> failure).get(30, TimeUnit.SECONDS);

        SpanData client = onlySpan(consumerSpans);
        SpanData server = onlySpan(providerSpans);
        assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(client.getAttributes().get(ERROR_TYPE)).isEqualTo("UNKNOWN");
        assertThat(client.getAttributes().get(MESSAGES)).isEqualTo((long) received.ticks.size());
        assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(server.getAttributes().get(ERROR_TYPE)).isEqualTo(IllegalArgumentException.class.getName());
        assertStreamMeters("failing", -1);
    }

    @Test
    void cancelledStream_keepsItsSpansOpenUntilTheCancel_thenEndsThemOnce() throws Exception {
        Ticks received = new Ticks(10);
        feed.ticks(-1).subscribe(received);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.ticks.size() == 10);
        assertThat(gauge(consumerMeters, "consumer", "ticks")).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(providerMeters, "provider", "ticks") == 1.0);
        assertThat(consumerSpans.getFinishedSpanItems())
                .as("open stream, open span")
                .isEmpty();
        assertThat(providerSpans.getFinishedSpanItems()).isEmpty();

        received.subscription.cancel();
        received.subscription.cancel();

        SpanData client = onlySpan(consumerSpans);
        SpanData server = onlySpan(providerSpans);
        assertThat(client.getAttributes().get(CANCELLED)).isTrue();
        assertThat(client.getAttributes().get(MESSAGES)).isEqualTo(10L);
        assertThat(server.getAttributes().get(CANCELLED)).isTrue();
        assertThat(server.getAttributes().get(MESSAGES)).isGreaterThanOrEqualTo(10L);
        assertStreamMeters("ticks", -1);
        assertThat(counter(consumerMeters, "consumer", "ticks")).isEqualTo(10.0);
    }

    /** The one span {@code spans} ends, awaited, and checked to stay the only one. */
    private static SpanData onlySpan(InMemorySpanExporter spans) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !spans.getFinishedSpanItems().isEmpty());
        assertThat(spans.getFinishedSpanItems()).hasSize(1);
        return spans.getFinishedSpanItems().get(0);
    }

    /** Both sides' open gauges back at 0; with {@code messages >= 0}, both counted that many. */
    private void assertStreamMeters(String method, long messages) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gauge(consumerMeters, "consumer", method) == 0.0
                        && gauge(providerMeters, "provider", method) == 0.0);
        if (messages >= 0) {
            assertThat(counter(consumerMeters, "consumer", method)).isEqualTo((double) messages);
            assertThat(counter(providerMeters, "provider", method)).isEqualTo((double) messages);
        }
    }

    private static double gauge(SimpleMeterRegistry meters, String side, String method) {
        Gauge gauge = meters.find("courier.stream.open")
                .tag("side", side)
                .tag("method", method)
                .gauge();
        assertThat(gauge).as("courier.stream.open of " + side + " " + method).isNotNull();
        return gauge.value();
    }

    private static double counter(SimpleMeterRegistry meters, String side, String method) {
        Counter counter = meters.find("courier.stream.messages")
                .tag("side", side)
                .tag("method", method)
                .counter();
        assertThat(counter)
                .as("courier.stream.messages of " + side + " " + method)
                .isNotNull();
        return counter.count();
    }

    private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }
}
