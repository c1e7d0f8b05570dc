package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.SubscriptionOptions;
import io.courier.bootstrap.Courier;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The events of an application are metered into its own {@code MeterRegistry} and traced with its own
 * {@code OpenTelemetry}, the ones given to its builder: nothing goes to Micrometer's global registry.
 */
@Timeout(90)
class ApplicationTelemetryTest {

    private static final String TOPIC = "telemetry-own";

    @Test
    void applicationsOwnRegistryAndTelemetry_getTheEventMetersAndSpans_theGlobalsNone() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (OpenTelemetrySdk telemetry = KafkaFixture.telemetry(exporter);
                Courier app = Courier.builder()
                        .application("metered")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .meterRegistry(meters)
                        .openTelemetry(telemetry)
                        .start()) {
            List<OrderPlaced> handled = new CopyOnWriteArrayList<>();
            app.events()
                    .subscribe(
                            SubscriptionOptions.builder(TOPIC, "metered-group", OrderPlaced.class)
                                    .build(),
                            event -> handled.add(event.payload()));
            app.events()
                    .publisher(TOPIC, OrderPlaced.class)
                    .publish("k", new OrderPlaced("o-1", "k", 0, 1))
                    .get();
            await().atMost(Duration.ofSeconds(45)).until(() -> handled.size() == 1);

            assertThat(meters.get("courier.events.published")
                            .tag("topic", TOPIC)
                            .tag("outcome", "acknowledged")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> meters.get("courier.events.handled")
                                    .tag("topic", TOPIC)
                                    .tag("outcome", "handled")
                                    .counter()
                                    .count()
                            == 1.0);
            assertThat(meters.find("courier.events.lag").tag("topic", TOPIC).gauges())
                    .isNotEmpty();
            assertThat(Metrics.globalRegistry
                            .find("courier.events.published")
                            .tag("topic", TOPIC)
                            .meters())
                    .as("meters in Micrometer's global registry")
                    .isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getKind() == SpanKind.CONSUMER));
            assertThat(exporter.getFinishedSpanItems())
                    .filteredOn(span -> span.getKind() == SpanKind.PRODUCER)
                    .singleElement()
                    .satisfies(span -> assertThat(span.getName()).isEqualTo(TOPIC + " publish"));
        }
    }
}
