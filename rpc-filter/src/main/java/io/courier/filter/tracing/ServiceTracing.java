package io.courier.filter.tracing;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Side;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.CompletableFuture;

/**
 * Tracing bound to one service: makes, per method, the filter that starts that method's spans
 * ({@link ClientTracing} or {@link ServerTracing}, with the span name and attributes computed once),
 * or none where {@code tracing.enabled} is false for the method. A call of a method the chain was not
 * built with gets no span.
 */
final class ServiceTracing implements Filter {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    ServiceTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(TracingFilter.INSTRUMENTATION_SCOPE);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public Filter forMethod(FilterContext context, MethodDescriptor method) {
        boolean enabled =
                context.forMethodOrService(FilterKeys.TRACING_ENABLED, method).orElse(true);
        if (!enabled) {
            return null;
        }
        String name = RpcSpans.name(context, method);
        return context.side() == Side.CONSUMER
                ? new ClientTracing(tracer, propagator, name, RpcSpans.attributes(context, method), method.stream())
                : new ServerTracing(tracer, propagator, name, RpcSpans.attributes(context, method), method.stream());
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }
}
