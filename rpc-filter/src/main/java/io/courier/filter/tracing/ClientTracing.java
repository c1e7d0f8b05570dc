package io.courier.filter.tracing;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.filter.internal.Futures;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A client span per call of one method, child of the caller's current span (for a call made while serving a
 * request: the server span), with the trace context injected into the call's attachments.
 */
final class ClientTracing implements Filter {

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    /** The span name and attributes of the one method this filter is bound to. */
    private final String name;

    private final Attributes attributes;
    /** Whether the method is a stream: its span then ends when the stream does. */
    private final boolean stream;

    ClientTracing(Tracer tracer, TextMapPropagator propagator, String name, Attributes attributes, boolean stream) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.name = name;
        this.attributes = attributes;
        this.stream = stream;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        Context parent = Context.current();
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            // No span here, but the call may carry trace context from outside (the gateway forwards
            // an HTTP request's traceparent): continue that trace rather than start a new one.
            parent = propagator.extract(parent, invocation, RpcSpans.GETTER);
        }
        Span span = tracer.spanBuilder(name)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAllAttributes(attributes)
                .startSpan();
        if (!span.getSpanContext().isValid()) {
            // No SDK: nothing to record and nothing to propagate.
            return chain.proceed(invocation);
        }
        Context context = parent.with(span);
        Map<String, String> headers = new HashMap<>(4);
        propagator.inject(context, headers, RpcSpans.SETTER);
        Invocation traced = invocation.withAttachments(headers);
        CompletableFuture<RpcResult> call;
        try (Scope scope = context.makeCurrent()) {
            call = chain.proceed(traced);
        } catch (RuntimeException | Error e) {
            RpcSpans.end(span, null, e);
            throw e;
        }
        if (stream) {
            return Futures.whenDoneOrStreamEnds(
                    call,
                    (result, failure) -> RpcSpans.end(span, result, failure),
                    result -> RpcSpans.endOnStreamEnd(span));
        }
        return Futures.whenDone(call, (result, failure) -> RpcSpans.end(span, result, failure));
    }
}
