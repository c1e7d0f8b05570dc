package io.courier.events.core;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private static final String SCOPE = "io.courier.events";
    private static final TextMapPropagator NOOP = TextMapPropagator.noop();
    private static final Tracer NOOP_TRACER = TracerProvider.noop().get(SCOPE);

    private final String system;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /** Span names by topic, made once rather than per event. */
    private final Map<String, String> publishNames = new ConcurrentHashMap<>();

    private final Map<String, String> processNames = new ConcurrentHashMap<>();
    /**
     * No SDK: the tracer and the propagator are OpenTelemetry's no-ops, so every span would be the
     * invalid one and nothing would be written to or read from the headers; spans are then not built
     * at all (a no-op span builder still reads the thread's context, per event), as Kafka's broker does.
     */
    private final boolean off;

    /** Spans of the broker {@code system} ({@code messaging.system}: {@code nats}, {@code rabbitmq}). */
    public EventSpans(String system, OpenTelemetry telemetry) {
        this.system = system;
        this.tracer = telemetry.getTracer(SCOPE);
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        this.off = tracer == NOOP_TRACER && propagator == NOOP;
    }

    /** Starts the span of publishing to {@code topic} and writes its context into {@code headers}. */
    public Span publishing(String topic, Map<String, String> headers) {
        if (off) {
            return Span.getInvalid();
        }
        Context parent = Context.current();
        Span span = tracer.spanBuilder(publishNames.computeIfAbsent(topic, name -> name + " publish"))
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
        if (off) {
            return Span.getInvalid();
        }
        Context parent = propagator.extract(Context.root(), traceContext, GETTER);
        return tracer.spanBuilder(processNames.computeIfAbsent(topic, name -> name + " process"))
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
