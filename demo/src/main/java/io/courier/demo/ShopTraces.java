package io.courier.demo;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The summary's traces: waited for until complete, printed as trees of spans, searched for a service. */
final class ShopTraces {

    static final String ROOT_PARENT = "0000000000000000";
    private static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("shop.instance");

    private ShopTraces() {}

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
