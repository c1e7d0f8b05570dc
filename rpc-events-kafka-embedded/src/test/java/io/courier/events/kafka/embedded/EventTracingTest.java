package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.Event;
import io.courier.api.event.EventBroker;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.EventHeaders;
import io.courier.events.kafka.KafkaEventBroker;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class EventTracingTest {

    @Test
    void subscribersSpan_continuesThePublishersTrace_throughTheHeaders() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk telemetry = KafkaFixture.telemetry(exporter);
                EmbeddedKafka kafka = EmbeddedKafka.start();
                EventBroker broker = KafkaEventBroker.builder(
                                KafkaFixture.settings(kafka.bootstrapServers(), "shop", Map.of()))
                        .openTelemetry(telemetry)
                        .build()) {
            List<String> handlerTraces = new CopyOnWriteArrayList<>();
            List<Event<OrderPlaced>> events = new CopyOnWriteArrayList<>();
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder("traced", "traced-group", OrderPlaced.class)
                            .build(),
                    event -> {
                        handlerTraces.add(Span.current().getSpanContext().getTraceId());
                        events.add(event);
                    });
            Span call = telemetry.getTracer("test").spanBuilder("GET /orders").startSpan();
            try (Scope scope = call.makeCurrent()) {
                broker.publisher("traced", OrderPlaced.class)
                        .publish("k", new OrderPlaced("o", "k", 0, 1))
                        .get();
            } finally {
                call.end();
            }
            await().atMost(Duration.ofSeconds(45)).until(() -> events.size() == 1);
            subscription.close();
            String traceId = call.getSpanContext().getTraceId();
            assertThat(handlerTraces).containsExactly(traceId);
            assertThat(events.get(0).traceContext().get(EventHeaders.TRACEPARENT))
                    .contains(traceId);
            await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getKind() == SpanKind.CONSUMER));
            SpanData producer = only(exporter.getFinishedSpanItems(), SpanKind.PRODUCER);
            SpanData consumer = only(exporter.getFinishedSpanItems(), SpanKind.CONSUMER);
            assertThat(producer.getTraceId()).isEqualTo(traceId);
            assertThat(producer.getParentSpanId())
                    .isEqualTo(call.getSpanContext().getSpanId());
            assertThat(consumer.getTraceId()).isEqualTo(traceId);
            assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
            assertThat(consumer.getName()).isEqualTo("traced process");
        }
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind) {
        List<SpanData> found =
                spans.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
