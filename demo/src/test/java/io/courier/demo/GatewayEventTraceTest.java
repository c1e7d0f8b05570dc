package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.events.kafka.embedded.EmbeddedKafka;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One trace from an HTTP request through the gateway, a Courier call and an event to its subscribers,
 * recorded by the real OpenTelemetry SDK the demo installs (spans kept in memory): the HTTP client's
 * span is the parent of the gateway's call, whose server span at order-service is the parent of the
 * event's PRODUCER span, whose children are one CONSUMER span per subscribing group.
 */
// the embedded Kafka's start dominates: 49 s of one run on the shared 2-core machine at load 40
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewayEventTraceTest {

    @Test
    void httpRequest_gatewayCall_andEvent_areOneTrace_downToEachSubscriber() throws Exception {
        DemoTracing.tracer(); // before the first application binds its filters
        CompletableFuture<EmbeddedKafka> starting = ShopScenario.startKafka(); // while ZooKeeper starts
        try {
            placeOrderOverHttpAndFollowItsTrace(starting);
        } finally {
            starting.thenAccept(EmbeddedKafka::close); // closed already, unless ZooKeeper did not start
        }
    }

    private static void placeOrderOverHttpAndFollowItsTrace(CompletableFuture<EmbeddedKafka> starting)
            throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                EmbeddedKafka kafka = starting.join();
                ShopSystem shop = ShopSystem.start(
                        "zookeeper://" + zooKeeper.getConnectString(), kafka.bootstrapServers(), new ShopStats());
                DemoGateway gateway = DemoGateway.start("zookeeper://" + zooKeeper.getConnectString())) {
            ShopScenario.waitUntilEveryInstanceServes(shop);
            // the gateway finds order-service in the registry on its first call: an untraced order first
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> gateway.placeOrder(1, Map.of()).statusCode() == 200);

            Span http = DemoTracing.startHttpRoot();
            Map<String, String> headers = DemoTracing.traceHeaders(http);
            HttpResponse<String> answer;
            try {
                answer = gateway.placeOrder(2, headers);
            } finally {
                http.end();
            }

            assertThat(headers.get("traceparent"))
                    .contains(http.getSpanContext().getTraceId());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            String traceId = http.getSpanContext().getTraceId();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> DemoTracing.spansOf(traceId).stream()
                                    .filter(span -> span.getKind() == SpanKind.CONSUMER)
                                    .count()
                            == 2);
            List<SpanData> spans = DemoTracing.spansOf(traceId);
            SpanData root = one(spans, SpanKind.CLIENT, DemoTracing.HTTP_ROOT);
            assertThat(root.getParentSpanContext().isValid()).isFalse();
            SpanData gatewayCall = one(spans, SpanKind.CLIENT, OrderService.class.getName() + "/placeOrder");
            assertThat(gatewayCall.getParentSpanId()).isEqualTo(root.getSpanId());
            SpanData server = one(spans, SpanKind.SERVER, OrderService.class.getName() + "/placeOrder");
            assertThat(server.getParentSpanId()).isEqualTo(gatewayCall.getSpanId());
            SpanData producer = one(spans, SpanKind.PRODUCER, OrderPlaced.TOPIC + " publish");
            assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
            List<SpanData> consumers = spans.stream()
                    .filter(span -> span.getKind() == SpanKind.CONSUMER)
                    .toList();
            assertThat(consumers).allSatisfy(consumer -> assertThat(consumer.getParentSpanId())
                    .isEqualTo(producer.getSpanId()));
            assertThat(consumers.stream()
                            .map(span -> span.getAttributes().get(OrderTrace.GROUP))
                            .collect(Collectors.toSet()))
                    .isEqualTo(Set.of(ShopSystem.INVENTORY_GROUP, ShopNotifications.GROUP));
            // every span but the root has its parent in the trace: nothing started a trace of its own
            Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
            assertThat(spans).filteredOn(span -> span != root).allSatisfy(span -> assertThat(ids)
                    .contains(span.getParentSpanId()));
            assertThat(OrderTrace.missingLink(spans, root.getSpanId())).isEmpty();
            assertThat(shop.notifications.sent(2)).isPositive();
        }
    }

    private static SpanData one(List<SpanData> spans, SpanKind kind, String name) {
        List<SpanData> found = spans.stream()
                .filter(span -> span.getKind() == kind && span.getName().equals(name))
                .toList();
        assertThat(found).as(kind + " " + name + " in " + spans).hasSize(1);
        return found.get(0);
    }
}
