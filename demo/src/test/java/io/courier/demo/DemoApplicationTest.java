package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo's steps, as the README's command runs them (without its final {@code System.exit}), and
 * the trace of its order placed over HTTP, from the HTTP request through the gateway, a Courier call
 * and an event to each subscriber.
 */
// The shop run starts an embedded Kafka: 49 s of one run on the shared 2-core machine at load 40
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DemoApplicationTest {

    @Test
    void directConnection_succeeds() {
        assertThatCode(DemoApplication::directConnection).doesNotThrowAnyException();
    }

    @Test
    void shortShopRun_passesEverySummaryCheck() throws Exception {
        List<ShopReport.Check> checks = DemoApplication.shop("embedded", Duration.ofSeconds(6));

        httpRequestThroughTheGateway_isOneTrace_downToEachSubscriber();

        // eleven checks of the shop (the server stream of order events, the OrderPlaced events handled
        // once by each subscriber and the traces among them) and one order placed through its HTTP gateway
        assertThat(checks)
                .extracting(ShopReport.Check::name)
                .contains(
                        "every order's OrderPlaced event was handled exactly once by inventory-service and by"
                                + " notification-service",
                        "one trace from an HTTP request through the gateway, order-service and the OrderPlaced event"
                                + " to both subscribers");
        assertThat(checks).hasSize(12).allSatisfy(check -> assertThat(check.passed())
                .as(check.name() + ": " + check.detail())
                .isTrue());
    }

    /**
     * The run placed one order over HTTP through the gateway, with the {@code traceparent} of a
     * client span (the demo installs the real OpenTelemetry SDK, spans kept in memory): that span is
     * the parent of the gateway's call, whose server span at order-service is the parent of the
     * {@code OrderPlaced} event's PRODUCER span, whose children are one CONSUMER span per subscribing
     * group; every span of the trace has its parent in it.
     */
    private static void httpRequestThroughTheGateway_isOneTrace_downToEachSubscriber() {
        List<SpanData> roots = DemoTracing.rootsNamed(DemoTracing.HTTP_ROOT);
        assertThat(roots)
                .as("the HTTP client's span of the order placed through the gateway")
                .hasSize(1);
        SpanData root = roots.get(0);
        List<SpanData> spans = DemoTracing.spansOf(root.getTraceId());
        SpanData gatewayCall = one(spans, SpanKind.CLIENT, OrderService.class.getName() + "/placeOrder");
        assertThat(gatewayCall.getParentSpanId()).isEqualTo(root.getSpanId());
        SpanData server = one(spans, SpanKind.SERVER, OrderService.class.getName() + "/placeOrder");
        assertThat(server.getParentSpanId()).isEqualTo(gatewayCall.getSpanId());
        SpanData producer = one(spans, SpanKind.PRODUCER, OrderPlaced.TOPIC + " publish");
        assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
        List<SpanData> consumers = spans.stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .toList();
        assertThat(consumers)
                .allSatisfy(consumer -> assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId()));
        assertThat(consumers.stream()
                        .map(span -> span.getAttributes().get(OrderTrace.GROUP))
                        .collect(Collectors.toSet()))
                .isEqualTo(Set.of(ShopSystem.INVENTORY_GROUP, ShopNotifications.GROUP));
        // every span but the root has its parent in the trace: nothing started a trace of its own
        Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        assertThat(spans)
                .filteredOn(span -> !span.getSpanId().equals(root.getSpanId()))
                .allSatisfy(span -> assertThat(ids).contains(span.getParentSpanId()));
    }

    private static SpanData one(List<SpanData> spans, SpanKind kind, String name) {
        List<SpanData> found = spans.stream()
                .filter(span -> span.getKind() == kind && span.getName().equals(name))
                .toList();
        assertThat(found).as(kind + " " + name + " in " + spans).hasSize(1);
        return found.get(0);
    }

    @Test
    void shop_runsAgainstAnExternalZooKeeper() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                ShopSystem shop = ShopSystem.start("zookeeper://" + zookeeper.getConnectString(), new ShopStats())) {
            ShopScenario.waitUntilEveryInstanceServes(shop);

            assertThat(shop.orders.placeOrder(2, "lamp", 1).customer()).isEqualTo("Alan Turing");
        }
    }

    @Test
    void options_defaultToTheEmbeddedRegistry_andAcceptAnExternalOne() {
        assertThat(DemoApplication.Options.parse())
                .isEqualTo(new DemoApplication.Options(
                        "embedded", Duration.ofSeconds(DemoApplication.DEFAULT_DURATION_SECONDS)));
        assertThat(DemoApplication.Options.parse("--zookeeper", "127.0.0.1:2181", "--duration-seconds", "5"))
                .isEqualTo(new DemoApplication.Options("zookeeper://127.0.0.1:2181", Duration.ofSeconds(5)));
        assertThatThrownBy(() -> DemoApplication.Options.parse("--zookeeper", "zk1"))
                .hasMessage("--zookeeper: 'zk1' (expected: host:port[,host:port], e.g. 127.0.0.1:2181)");
        assertThatThrownBy(() -> DemoApplication.Options.parse("--duration-seconds", "1"))
                .hasMessage("--duration-seconds: '1' (expected: an integer 5 to 600)");
    }
}
