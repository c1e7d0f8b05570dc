package io.courier.demo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The chain one placed order leaves in a trace, below the span that placed it: the caller's CLIENT
 * span of {@code OrderService/placeOrder}, order-service's SERVER span, the PRODUCER span of its
 * {@link OrderPlaced} event and, children of that, one CONSUMER span per subscribing group.
 */
final class OrderTrace {

    /** The spans a traced order records: the root, two hops to order-service, two calls it makes (four spans), the event's three. */
    static final int SPANS = 10;

    static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final Set<String> GROUPS = Set.of(ShopSystem.INVENTORY_GROUP, ShopNotifications.GROUP);

    private OrderTrace() {}

    /**
     * What is missing from the chain under the span {@code rootSpanId} in {@code spans}: empty if the
     * whole chain is there, each link the child of the one before.
     */
    static String missingLink(List<SpanData> spans, String rootSpanId) {
        Optional<SpanData> client = child(spans, rootSpanId, SpanKind.CLIENT, "OrderService/placeOrder");
        if (client.isEmpty()) {
            return "no CLIENT span of placeOrder under the root span " + rootSpanId;
        }
        Optional<SpanData> server = child(spans, client.get().getSpanId(), SpanKind.SERVER, "OrderService/placeOrder");
        if (server.isEmpty()) {
            return "no SERVER span of placeOrder under its CLIENT span";
        }
        Optional<SpanData> producer =
                child(spans, server.get().getSpanId(), SpanKind.PRODUCER, OrderPlaced.TOPIC + " publish");
        if (producer.isEmpty()) {
            return "no PRODUCER span '" + OrderPlaced.TOPIC + " publish' under order-service's SERVER span";
        }
        Set<String> groups = spans.stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER
                        && span.getParentSpanId().equals(producer.get().getSpanId()))
                .map(span -> span.getAttributes().get(GROUP))
                .collect(Collectors.toSet());
        if (!groups.equals(GROUPS)) {
            return "CONSUMER spans under the PRODUCER span for groups " + groups + " (expected: " + GROUPS + ")";
        }
        return "";
    }

    private static Optional<SpanData> child(List<SpanData> spans, String parentId, SpanKind kind, String nameEnd) {
        return spans.stream()
                .filter(span -> span.getKind() == kind
                        && span.getParentSpanId().equals(parentId)
                        && span.getName().endsWith(nameEnd))
                .findFirst();
    }

    // The summary's traces: waited for until complete, printed as trees of spans, searched for a service.

    static final String ROOT_PARENT = "0000000000000000";
    private static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("shop.instance");

    /** Spans end as their calls complete; the last ones (the subscribers') may still be on their way. */
    static List<SpanData> await(String traceId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ShopReport.EVENTS_WAIT_SECONDS);
        List<SpanData> spans = DemoTracing.spansOf(traceId);
        while (spans.size() < OrderTrace.SPANS && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
            spans = DemoTracing.spansOf(traceId);
        }
        return spans;
    }

    static boolean serverSpan(List<SpanData> spans, String service) {
        return spans.stream()
                .anyMatch(span ->
                        span.getKind() == SpanKind.SERVER && span.getName().contains("." + service + "/"));
    }

    /** The trace's spans as a tree under its root, indented by depth, each child in start order. */
    static void print(List<SpanData> spans) {
        printTree(spans, ROOT_PARENT, "  ");
    }

    private static void printTree(List<SpanData> spans, String parentId, String indent) {
        Map<Long, SpanData> children = new TreeMap<>();
        for (SpanData span : spans) {
            if (span.getParentSpanId().equals(parentId)) {
                children.put(span.getStartEpochNanos(), span);
            }
        }
        for (SpanData span : children.values()) {
            String instance = span.getAttributes().get(INSTANCE);
            String group = span.getAttributes().get(OrderTrace.GROUP);
            String where = instance != null ? instance : group;
            ShopReport.line(
                    "%s%-8s %s%s  %s",
                    indent,
                    span.getKind(),
                    span.getName().replace("io.courier.demo.", ""),
                    where == null ? "" : " [" + where + "]",
                    ShopReport.ms(TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos())));
            printTree(spans, span.getSpanId(), indent + "  ");
        }
    }
}
