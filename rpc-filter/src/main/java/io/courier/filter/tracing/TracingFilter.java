package io.courier.filter.tracing;

import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.CompletableFuture;

/**
 * Extension {@code tracing}, both sides, on by default ({@code courier.filter.tracing.enabled}).
 * Spans go to the application's shared {@link OpenTelemetry} (one the application registered, else
 * {@link GlobalOpenTelemetry} as set when the chain is bound); with no SDK installed, spans are invalid no-ops and the filter
 * passes calls on untouched. The activated instance only binds; it passes calls through.
 */
@Extension("tracing")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = TracingFilter.ORDER)
public final class TracingFilter implements Filter {

    /** Outermost: the span covers everything, refusals included, and is current for other filters. */
    public static final int ORDER = 100;

    /** The instrumentation scope name of Courier's spans. */
    public static final String INSTRUMENTATION_SCOPE = "io.courier";

    @Override
    public Filter bind(FilterContext context) {
        boolean enabled = FilterProperties.of(context)
                .get("tracing.enabled")
                .map(Setting::asBoolean)
                .orElse(true);
        if (!enabled) {
            return null;
        }
        OpenTelemetry openTelemetry = context.shared(OpenTelemetry.class, GlobalOpenTelemetry::getOrNoop);
        Tracer tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE);
        TextMapPropagator propagator = openTelemetry.getPropagators().getTextMapPropagator();
        RpcSpans spans = new RpcSpans(context);
        // The API's no-op instance records nothing and propagates nothing: the bound filter then
        // passes calls on without building a span per call.
        boolean noop = openTelemetry == OpenTelemetry.noop();
        return context.side() == Side.CONSUMER
                ? new ClientTracing(tracer, propagator, spans, noop)
                : new ServerTracing(tracer, propagator, spans, noop);
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }
}
