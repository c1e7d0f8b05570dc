package io.courier.events.core;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;

/**
 * Spans of events, as Kafka's (docs/events.md, "Tracing"): a PRODUCER span per publish, child of the
 * caller's current span, its W3C context written into the event's headers; a CONSUMER span per
 * handling, child of that context, so a subscriber continues the publisher's trace. On the
 * OpenTelemetry API: a no-op without an SDK. Thread-safe.
 */
public final class EventSpans {

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> context) {
            return context.keySet();
        }

        @Override
        public String get(Map<String, String> context, String name) {
            return context == null ? null : context.get(name);
        }
    };

    private final String system;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** Spans of the broker {@code system} ({@code messaging.system}: {@code nats}, {@code rabbitmq}). */
    public EventSpans(String system, OpenTelemetry telemetry) {
        this.system = system;
        this.tracer = telemetry.getTracer("io.courier.events");
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
    }

    /** Starts the span of publishing to {@code topic} and writes its context into {@code headers}. */
    public Span publishing(String topic, Map<String, String> headers) {
        Context parent = Context.current();
        Span span = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute("messaging.system", system)
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.operation.type", "send")
                .startSpan();
        propagator.inject(parent.with(span), headers, Map::put);
        return span;
    }

    /** Starts the span of handling an event of {@code topic} in {@code group}, child of {@code traceContext}. */
    public Span handling(String topic, String group, Map<String, String> traceContext) {
        Context parent = propagator.extract(Context.root(), traceContext, GETTER);
        return tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute("messaging.system", system)
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.consumer.group.name", group)
                .setAttribute("messaging.operation.type", "process")
                .startSpan();
    }

    /** Ends {@code span}, as failed by {@code failure} if not {@code null}. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            span.recordException(failure);
        }
        span.end();
    }
}
