package io.courier.events.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Spans of events, on the OpenTelemetry API (a no-op without an SDK): a PRODUCER span per publish,
 * child of the publisher's current span, whose W3C context travels in the record's headers; a
 * CONSUMER span per handling, child of that context, so a subscriber continues the publisher's
 * trace. Thread-safe.
 */
final class EventTracing {

    private static final TextMapSetter<Headers> SETTER =
            (headers, name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8));

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> names = new ArrayList<>();
            for (Header header : headers) {
                names.add(header.key());
            }
            return names;
        }

        @Override
        public String get(Headers headers, String name) {
            return headers == null ? null : EventHeaders.text(headers, name);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    EventTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer("io.courier.events");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the span of publishing to {@code topic} and writes its context into {@code headers}. */
    Span publishing(String topic, Headers headers) {
        Context parent = Context.current();
        Span span = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", "send")
                .startSpan();
        propagator.inject(parent.with(span), headers, SETTER);
        return span;
    }

    /** Starts the span of handling a record of {@code topic} with {@code headers}, in group {@code group}. */
    Span handling(String topic, String group, Headers headers) {
        Context parent = propagator.extract(Context.root(), headers, GETTER);
        return tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.consumer.group.name", group)
                .setAttribute("messaging.operation.type", "process")
                .startSpan();
    }

    /** Ends {@code span}, as failed by {@code failure} if not {@code null}. */
    static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            span.recordException(failure);
        }
        span.end();
    }
}
