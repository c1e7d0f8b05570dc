package io.courier.filter.tracing;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.filter.internal.Futures;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.CompletableFuture;
import org.slf4j.MDC;

/**
 * A server span per request of one method, child of the trace context in its attachments. While the rest of the
 * chain and the implementation run on this thread, the span is current (so calls the
 * implementation makes are its children) and the MDC holds {@code traceId}, {@code spanId} and {@code service}
 * (the {@code rpc.service}: what JSON log lines call the service).
 */
final class ServerTracing implements Filter {

    /** The MDC key of the current trace id. */
    static final String MDC_TRACE_ID = "traceId";
    /** The MDC key of the current span id. */
    static final String MDC_SPAN_ID = "spanId";
    /** The MDC key of the service being served. */
    static final String MDC_SERVICE = "service";

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /** The span name and attributes of the one method this filter is bound to. */
    private final String name;

    private final Attributes attributes;
    /** Whether the method is a stream: its span then ends when the stream does. */
    private final boolean stream;

    ServerTracing(Tracer tracer, TextMapPropagator propagator, String name, Attributes attributes, boolean stream) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.name = name;
        this.attributes = attributes;
        this.stream = stream;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        // The root, not Context.current(): whatever an executor thread carries is not this request's.
        Context remote = propagator.extract(Context.root(), invocation, RpcSpans.GETTER);
        Span span = tracer.spanBuilder(name)
                .setSpanKind(SpanKind.SERVER)
                .setParent(remote)
                .setAllAttributes(attributes)
                .startSpan();
        SpanContext spanContext = span.getSpanContext();
        if (!spanContext.isValid()) {
            return chain.proceed(invocation);
        }
        String previousTrace = MDC.get(MDC_TRACE_ID);
        String previousSpan = MDC.get(MDC_SPAN_ID);
        String previousService = MDC.get(MDC_SERVICE);
        CompletableFuture<RpcResult> call;
        try (Scope scope = remote.with(span).makeCurrent()) {
            MDC.put(MDC_TRACE_ID, spanContext.getTraceId());
            MDC.put(MDC_SPAN_ID, spanContext.getSpanId());
            MDC.put(MDC_SERVICE, attributes.get(RpcSpans.RPC_SERVICE));
            call = chain.proceed(invocation);
        } catch (RuntimeException | Error e) {
            RpcSpans.end(span, null, e);
            throw e;
        } finally {
            restore(MDC_TRACE_ID, previousTrace);
            restore(MDC_SPAN_ID, previousSpan);
            restore(MDC_SERVICE, previousService);
        }
        if (stream) {
            return Futures.whenDoneOrStreamEnds(
                    call,
                    (result, failure) -> RpcSpans.end(span, result, failure),
                    result -> RpcSpans.endOnStreamEnd(span));
        }
        return Futures.whenDone(call, (result, failure) -> RpcSpans.end(span, result, failure));
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
