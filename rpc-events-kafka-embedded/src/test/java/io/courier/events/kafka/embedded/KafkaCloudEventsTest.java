package io.courier.events.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.event.Event;
import io.courier.api.event.EventBroker;
import io.courier.api.event.PublishReceipt;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.EventHeaders;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.testkit.StockClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Courier's events as CloudEvents on Kafka, seen by a client we did not write: Debian's kcat reads an
 * event a Courier publisher wrote (the Kafka binding's {@code ce_*} headers, {@code content-type}, the
 * key, the JSON data), a CloudEvent kcat writes is handled by a Courier subscriber, and one with a
 * malformed time is dead-lettered with the reason.
 */
@Timeout(120)
class KafkaCloudEventsTest {

    /** The embedded Kafka the contract's classes in this JVM share. */
    @RegisterExtension
    static final KafkaContractServer kafka = new KafkaContractServer();

    private static final String KCAT = "/usr/bin/kcat";
    private static final String TOPIC = "cloudevents.orders";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void kcatReadsCourierEvents_andCourierHandlesTheCloudEventKcatWrites() throws Exception {
        StockClient.requireProgram(KCAT, "kcat");
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk telemetry = KafkaFixture.telemetry(exporter);
                EventBroker broker = KafkaEventBroker.builder(KafkaFixture.settings(bootstrap(), "shop", Map.of()))
                        .openTelemetry(telemetry)
                        .build()) {
            String bootstrap = bootstrap();
            Span call = telemetry.getTracer("test").spanBuilder("POST /orders").startSpan();
            PublishReceipt receipt;
            try (Scope scope = call.makeCurrent()) {
                receipt = broker.publisher(TOPIC, OrderPlaced.class)
                        .publish("alice", new OrderPlaced("o-1", "alice", 1, 4200))
                        .get(30, TimeUnit.SECONDS);
            } finally {
                call.end();
            }

            JsonNode record = JSON.readTree(StockClient.run(
                            List.of(
                                    KCAT,
                                    "-C",
                                    "-b",
                                    bootstrap,
                                    "-t",
                                    TOPIC,
                                    "-o",
                                    "beginning",
                                    "-c",
                                    "1",
                                    "-e",
                                    "-q",
                                    "-J"),
                            null,
                            Duration.ofSeconds(30))
                    .outputIfSucceeded());
            Map<String, String> headers = pairs(record.get("headers"));
            assertThat(headers)
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_id", receipt.eventId())
                    .containsEntry("ce_source", "shop")
                    .containsEntry("ce_type", OrderPlaced.class.getName())
                    .containsEntry("content-type", "application/json")
                    .containsEntry("ce_courierserializer", "json");
            assertThat(Instant.parse(headers.get("ce_time"))).isEqualTo(receipt.time());
            String traceId = call.getSpanContext().getTraceId();
            assertThat(headers.get("traceparent")).contains(traceId);
            assertThat(headers.get("ce_traceparent")).isEqualTo(headers.get("traceparent"));
            assertThat(record.get("key").asText()).isEqualTo("alice");
            JsonNode data = JSON.readTree(record.get("payload").asText());
            assertThat(data.get("orderId").asText()).isEqualTo("o-1");
            assertThat(data.get("customer").asText()).isEqualTo("alice");
            assertThat(data.get("cents").asLong()).isEqualTo(4200);

            List<Event<OrderPlaced>> handled = new CopyOnWriteArrayList<>();
            Subscription subscription = broker.subscribe(
                    SubscriptionOptions.builder(TOPIC, "billing", OrderPlaced.class)
                            .build(),
                    handled::add);
            kcatProduce(
                    "bob",
                    "{\"orderId\":\"o-2\",\"customer\":\"bob\",\"sequence\":2,\"cents\":990}",
                    "ce_id=kcat-1",
                    "ce_source=/tools/kcat",
                    "ce_time=2026-11-27T09:00:00.250+01:00");
            // a CloudEvent whose time is not RFC 3339: unreadable, so dead-lettered at once with the reason
            kcatProduce(
                    "carol",
                    "{\"orderId\":\"o-3\",\"customer\":\"carol\",\"sequence\":3,\"cents\":1}",
                    "ce_id=kcat-2",
                    "ce_time=yesterday");
            await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() >= 2);
            List<ConsumerRecord<byte[], byte[]>> dead =
                    KafkaFixture.readAll(bootstrap, TOPIC + ".dlt", 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(EventHeaders.text(dead.get(0).headers(), EventHeaders.DLT_REASON))
                    .contains("ce_time", "not an RFC 3339 time");
            assertThat(EventHeaders.text(dead.get(0).headers(), EventHeaders.CE_ID))
                    .isEqualTo("kcat-2");
            assertThat(subscription.close(Duration.ofSeconds(10))).isTrue();
            Event<OrderPlaced> written = handled.stream()
                    .filter(event -> event.id().equals("kcat-1"))
                    .findFirst()
                    .orElseThrow();
            assertThat(written.payload()).isEqualTo(new OrderPlaced("o-2", "bob", 2, 990));
            assertThat(written.key()).isEqualTo("bob");
            assertThat(written.source()).isEqualTo("/tools/kcat");
            assertThat(written.time()).isEqualTo(Instant.parse("2026-11-27T08:00:00.250Z"));
            assertThat(handled).extracting(Event::id).containsExactlyInAnyOrder(receipt.eventId(), "kcat-1");
        }
    }

    /** kcat writes {@code json} under {@code key}: a CloudEvent of type OrderPlaced with JSON data and {@code headers}. */
    private static void kcatProduce(String key, String json, String... headers) throws Exception {
        List<String> command = new ArrayList<>(List.of(KCAT, "-P", "-b", bootstrap(), "-t", TOPIC, "-k", key));
        for (String header : List.of(
                "ce_specversion=1.0", "ce_type=" + OrderPlaced.class.getName(), "content-type=application/json")) {
            command.addAll(List.of("-H", header));
        }
        for (String header : headers) {
            command.addAll(List.of("-H", header));
        }
        StockClient.run(command, json + "\n", Duration.ofSeconds(30)).outputIfSucceeded();
    }

    private static String bootstrap() {
        return kafka.settings().get("courier.events.kafka.bootstrap-servers");
    }

    /** kcat's JSON headers, {@code ["name", "value", ...]}, as a map. */
    private static Map<String, String> pairs(JsonNode headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            map.put(headers.get(i).asText(), headers.get(i + 1).asText());
        }
        return map;
    }
}
