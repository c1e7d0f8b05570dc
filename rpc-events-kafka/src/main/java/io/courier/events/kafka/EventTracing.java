package io.courier.events.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
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

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /**
     * Whether the propagator reads nothing but the W3C trace headers, which the event's reader has
     * already kept; otherwise (baggage, B3, ...) it reads the record's headers.
     */
    private final boolean w3cOnly;
    /**
     * No SDK: the tracer and the propagator are OpenTelemetry's no-ops, so every span would be the
     * invalid one and nothing would be written to or read from the headers. Spans are then not
     * built at all (a no-op span builder still reads the thread's context, per event).
     */
    private final boolean off;

    EventTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer(SCOPE);
        this.propagator = telemetry.getPropagators().getTextMapPropagator();
        this.w3cOnly = Set.of(EventHeaders.TRACEPARENT, EventHeaders.TRACESTATE).containsAll(propagator.fields());
        this.off = tracer == NOOP_TRACER && propagator == NOOP;
    }

    /** The span names of {@code topic}, made once per publisher or consumer rather than once per event. */
    static Names names(String topic) {
        return new Names(topic, topic + " publish", topic + " process");
    }

    /** The span names of one topic. */
    record Names(String topic, String publish, String process) {}

    /** Starts the span of publishing to {@code names.topic()} and writes its context into {@code headers}. */
    Span publishing(Names names, Headers headers) {
        if (off) {
            return Span.getInvalid();
        }
        Context parent = Context.current();
        Span span = tracer.spanBuilder(names.publish())
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", names.topic())
                .setAttribute("messaging.operation.type", "send")
                .startSpan();
        if (propagator != NOOP) {
            // without a propagator (no SDK) there is nothing to write, and no context to build for it
            propagator.inject(parent.with(span), headers, SETTER);
        }
        return span;
    }

    /**
     * Starts the span of handling an event of {@code names.topic()} in group {@code group}, child of
     * the context its record's {@code headers} carry. A propagator of the W3C trace headers alone
     * reads them from {@code traceContext}, which the event's reader kept, so the headers are not
     * searched again.
     */
    Span handling(Names names, String group, Map<String, String> traceContext, Headers headers) {
        if (off) {
            return Span.getInvalid();
        }
        Context parent;
        if (!w3cOnly) {
            parent = propagator.extract(Context.root(), headers, GETTER);
        } else if (traceContext.isEmpty()) {
            parent = Context.root();
        } else {
            parent = propagator.extract(Context.root(), traceContext, MAP_GETTER);
        }
        return tracer.spanBuilder(names.process())
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", names.topic())
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
