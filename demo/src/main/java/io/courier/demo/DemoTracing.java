package io.courier.demo;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The OpenTelemetry SDK of the demo's JVM, installed as the global instance that Courier's
 * {@code tracing} filter and events use. It records only traces started by a root span named
 * {@link #TRACED_ROOT} or {@link #HTTP_ROOT} (the rest of the traffic is not sampled, so it costs no
 * memory) and keeps their spans in memory, for the summary.
 */
final class DemoTracing {

    static final String TRACED_ROOT = "shop-client checkout";
    /** The root of the order placed over HTTP: the span of the HTTP client's request. */
    static final String HTTP_ROOT = "HTTP POST placeOrder";

    private static final Collector COLLECTOR = new Collector();
    private static final Tracer TRACER = install();

    private DemoTracing() {}

    private static Tracer install() {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(new OnlyTracedRoot())
                .addSpanProcessor(SimpleSpanProcessor.create(COLLECTOR))
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        // Once per JVM: the tests and main() share it. Courier's tracing filter reads the global
        // instance when an application binds its first filter chain, so this runs before any start().
        GlobalOpenTelemetry.set(sdk);
        return sdk.getTracer("io.courier.demo");
    }

    /** The demo's tracer; the first use installs the SDK, so call it before any application starts. */
    static Tracer tracer() {
        return TRACER;
    }

    /** Starts a sampled root span; its trace is recorded end to end. */
    static Span startTracedRoot() {
        return TRACER.spanBuilder(TRACED_ROOT).setSpanKind(SpanKind.INTERNAL).startSpan();
    }

    /** Starts a sampled root span for an HTTP request to the gateway: a client's span. */
    static Span startHttpRoot() {
        return TRACER.spanBuilder(HTTP_ROOT).setSpanKind(SpanKind.CLIENT).startSpan();
    }

    /** The W3C trace headers ({@code traceparent}, {@code tracestate}) that continue {@code span}'s trace. */
    static HttpHeaders traceHeaders(Span span) {
        Map<String, List<String>> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance()
                .inject(
                        Context.root().with(span),
                        headers,
                        (carrier, name, value) -> carrier.put(name, List.of(value)));
        return HttpHeaders.of(headers, (name, value) -> true);
    }

    /** The recorded spans of {@code traceId}, in the order they ended. */
    static List<SpanData> spansOf(String traceId) {
        List<SpanData> spans = new ArrayList<>();
        for (SpanData span : COLLECTOR.spans) {
            if (span.getTraceId().equals(traceId)) {
                spans.add(span);
            }
        }
        return spans;
    }

    /** The recorded root spans named {@code name}, in the order they ended. */
    static List<SpanData> rootsNamed(String name) {
        List<SpanData> roots = new ArrayList<>();
        for (SpanData span : COLLECTOR.spans) {
            if (span.getName().equals(name) && !span.getParentSpanContext().isValid()) {
                roots.add(span);
            }
        }
        return roots;
    }

    /** Samples a root span only if it is one of the demo's traced ones; children follow their parent. */
    private static final class OnlyTracedRoot implements Sampler {

        @Override
        public SamplingResult shouldSample(
                Context parentContext,
                String traceId,
                String name,
                SpanKind spanKind,
                Attributes attributes,
                List<LinkData> parentLinks) {
            Span parent = Span.fromContext(parentContext);
            boolean sampled = parent.getSpanContext().isValid()
                    ? parent.getSpanContext().isSampled()
                    : TRACED_ROOT.equals(name) || HTTP_ROOT.equals(name);
            return sampled ? SamplingResult.recordAndSample() : SamplingResult.drop();
        }

        @Override
        public String getDescription() {
            return "OnlyTracedRoot";
        }
    }

    /** Keeps finished spans in memory; only the few sampled traces reach it. */
    private static final class Collector implements SpanExporter {

        final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> finished) {
            spans.addAll(finished);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
