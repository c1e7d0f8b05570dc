package io.courier.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.event.EventKeys;
import io.courier.api.event.SubscriptionOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.events.nats.NatsEventKeys;
import io.courier.events.nats.NatsServer;
import io.courier.observability.fixtures.Back;
import io.courier.observability.fixtures.BackService;
import io.courier.observability.fixtures.Front;
import io.courier.observability.fixtures.FrontService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three Courier applications (consumer → front → back), each tracing with the SDK rpc-observability
 * sets up from {@code courier.tracing.exporter=zipkin}, against a real Zipkin server, plus one event:
 * the front publishes the order (NATS JetStream, on a nats-server of the test's own) and the back
 * handles it; the trace is read back from Zipkin's HTTP API (Zipkin's model keeps service.name of the
 * resource, not its other attributes: OtlpExportTest checks those). The batch delay is a minute, so
 * the spans reach Zipkin only because stopping each application flushes its queue.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZipkinExportTest {

    @Test
    void callAcrossThreeApplicationsAndAnEvent_isOneTraceInZipkin_withTheRightParentsAndAttributes() throws Exception {
        try (ZipkinServer zipkin = ZipkinServer.start();
                NatsServer nats = NatsServer.start()) {
            String traceId;
            CompletableFuture<String> handled = new CompletableFuture<>();
            try (Courier back = traced("back", zipkin, nats).export(new Back()).start()) {
                back.events()
                        .subscribe(
                                SubscriptionOptions.builder(Front.TOPIC, "audit", String.class)
                                        .build(),
                                event -> handled.complete(event.payload()));
                Front frontBean = new Front();
                try (Courier front = traced("front", zipkin, nats)
                                .property(
                                        "courier.service." + BackService.class.getName() + ".url",
                                        "courier://127.0.0.1:" + back.port())
                                .export(frontBean)
                                .start();
                        Courier shop = traced("shop", zipkin, nats).start()) {
                    frontBean.publishTo(front.events().publisher(Front.TOPIC, String.class));
                    zipkin.awaitUp(Duration.ofSeconds(60));
                    FrontService service = shop.reference(
                            FrontService.class,
                            ReferenceOptions.builder()
                                    .directEndpoints(List.of(Endpoint.of("127.0.0.1", front.port())))
                                    .build());
                    traceId = service.order("tea");
                    assertThat(handled.get(20, TimeUnit.SECONDS)).isEqualTo("tea");
                }
            }
            assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> zipkin.trace(traceId).size() == 6);
            List<JsonNode> spans = zipkin.trace(traceId);
            Map<String, JsonNode> byWhere = spans.stream()
                    .collect(Collectors.toMap(
                            span -> span.path("localEndpoint")
                                            .path("serviceName")
                                            .asText() + " " + span.path("kind").asText(),
                            Function.identity()));
            assertThat(byWhere)
                    .containsOnlyKeys(
                            "shop CLIENT",
                            "front SERVER",
                            "front CLIENT",
                            "back SERVER",
                            "front PRODUCER",
                            "back CONSUMER");
            JsonNode shopClient = byWhere.get("shop CLIENT");
            JsonNode frontServer = byWhere.get("front SERVER");
            JsonNode frontClient = byWhere.get("front CLIENT");
            JsonNode backServer = byWhere.get("back SERVER");
            JsonNode published = byWhere.get("front PRODUCER");
            JsonNode handledSpan = byWhere.get("back CONSUMER");
            assertThat(spans).allSatisfy(span -> assertThat(span.path("traceId").asText())
                    .isEqualTo(traceId));
            assertThat(shopClient.has("parentId"))
                    .as("the consumer's span is the root")
                    .isFalse();
            assertThat(frontServer.path("parentId").asText())
                    .isEqualTo(shopClient.path("id").asText());
            assertThat(frontClient.path("parentId").asText())
                    .isEqualTo(frontServer.path("id").asText());
            assertThat(backServer.path("parentId").asText())
                    .isEqualTo(frontClient.path("id").asText());
            assertThat(published.path("parentId").asText())
                    .as("the event is published inside the front's server span")
                    .isEqualTo(frontServer.path("id").asText());
            assertThat(handledSpan.path("parentId").asText())
                    .as("the subscriber continues the publisher's trace")
                    .isEqualTo(published.path("id").asText());

            assertRpcTags(shopClient, FrontService.class.getName(), "order");
            assertRpcTags(frontServer, FrontService.class.getName(), "order");
            assertRpcTags(frontClient, BackService.class.getName(), "traceId");
            assertRpcTags(backServer, BackService.class.getName(), "traceId");
            for (JsonNode messaging : List.of(published, handledSpan)) {
                assertThat(messaging.path("tags").path("messaging.system").asText())
                        .isEqualTo("nats");
                assertThat(messaging
                                .path("tags")
                                .path("messaging.destination.name")
                                .asText())
                        .isEqualTo(Front.TOPIC);
            }
        }
    }

    private static void assertRpcTags(JsonNode span, String service, String method) {
        JsonNode tags = span.path("tags");
        assertThat(tags.path("rpc.system").asText()).isEqualTo("courier");
        assertThat(tags.path("rpc.service").asText()).isEqualTo(service);
        assertThat(tags.path("rpc.method").asText()).isEqualTo(method);
        assertThat(span.path("name").asText()).isEqualToIgnoringCase(service + "/" + method);
    }

    private static CourierBuilder traced(String application, ZipkinServer zipkin, NatsServer nats) {
        return Courier.builder()
                .application(application)
                .shutdownHook(false)
                .host("127.0.0.1")
                .port(0)
                .property(TracingKeys.EXPORTER.name(), "zipkin")
                .property(TracingKeys.ENDPOINT.name(), zipkin.spansEndpoint())
                .property(TracingKeys.SCHEDULE_DELAY_MILLIS.name(), "60000")
                .property(EventKeys.BROKER.name(), "nats")
                .property(NatsEventKeys.SERVERS.name(), nats.url());
    }
}
