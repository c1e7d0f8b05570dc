package io.courier.filter.metrics;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.time.Ticker;
import io.courier.filter.config.FilterKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The metrics of one service on one side: makes, per method, the filter that records that method's
 * meters ({@link MethodMetrics}, meters registered when it is bound), or none where
 * {@code <method>.metrics.enabled} is false. A call of a method the chain was not built with is not
 * measured.
 */
final class CallMetrics implements Filter {

    private final MeterRegistry registry;
    private final MetricsOptions options;
    private final InFlightGauges inFlight;
    private final Ticker ticker;

    private CallMetrics(
            MeterRegistry registry, MetricsOptions options, InFlightGauges inFlight, FilterContext context) {
        this.registry = registry;
        this.options = options;
        this.inFlight = inFlight;
        this.ticker = context.ticker();
    }

    /** The meters of the context's service, or {@code null} when metrics are not enabled for it. */
    static CallMetrics forService(FilterContext context) {
        MeterRegistry registry = MeterRegistries.find(context).orElse(null);
        if (registry == null) {
            return null;
        }
        MetricsOptions options = MetricsOptions.parse(context);
        if (options.prometheus()) {
            PrometheusMeterRegistry prometheus = prometheusRegistry(registry);
            context.shared(
                    PrometheusEndpoint.class,
                    () -> PrometheusEndpoint.start(options.host(), options.port(), options.path(), prometheus));
        }
        InFlightGauges inFlight = context.shared(InFlightGauges.class, () -> new InFlightGauges(registry));
        return new CallMetrics(registry, options, inFlight, context);
    }

    private static PrometheusMeterRegistry prometheusRegistry(MeterRegistry registry) {
        return MeterRegistries.prometheus(registry)
                .orElseThrow(() -> new IllegalArgumentException(FilterKeys.METRICS_PROMETHEUS_ENABLED.name() + ": true"
                        + " (expected: the application's MeterRegistry to be, or to contain, a"
                        + " PrometheusMeterRegistry; it is a "
                        + registry.getClass().getName() + ")"));
    }

    @Override
    public Filter forMethod(FilterContext context, MethodDescriptor method) {
        boolean enabled = context.forMethod(FilterKeys.METRICS_ENABLED, method).orElse(true);
        if (!enabled) {
            return null;
        }
        Tags tags = Tags.of(
                "side",
                context.side().name().toLowerCase(Locale.ROOT),
                "service",
                context.serviceKey().toString(),
                "method",
                method.name());
        return new MethodMetrics(
                new MethodMeters(registry, tags, options, inFlight, method.stream()), ticker, method.stream());
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        return chain.proceed(invocation);
    }
}
