package io.courier.filter.metrics;

import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.filter.Ticker;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Futures;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** The metrics of one service on one side: one {@link MethodMeters} per method. */
final class CallMetrics implements Filter {

    private final MethodMeters[] meters;
    private final Ticker ticker;

    private CallMetrics(MethodMeters[] meters, Ticker ticker) {
        this.meters = meters;
        this.ticker = ticker;
    }

    /** The meters of the context's service, or {@code null} when metrics are not enabled for it. */
    static CallMetrics forService(FilterContext context) {
        MeterRegistry registry = MeterRegistries.find(context).orElse(null);
        if (registry == null) {
            return null;
        }
        MetricsOptions options = MetricsOptions.parse(FilterProperties.of(context));
        if (options.prometheus()) {
            PrometheusMeterRegistry prometheus = prometheusRegistry(registry);
            context.shared(
                    PrometheusEndpoint.class,
                    () -> PrometheusEndpoint.start(options.host(), options.port(), options.path(), prometheus));
        }
        InFlightGauges inFlight = context.shared(InFlightGauges.class, () -> new InFlightGauges(registry));
        List<MethodDescriptor> methods = context.service().methods();
        MethodMeters[] meters = new MethodMeters[methods.size()];
        String side = context.side().name().toLowerCase(Locale.ROOT);
        for (MethodDescriptor method : methods) {
            Tags tags = Tags.of("side", side, "service", context.serviceKey().toString(), "method", method.name());
            meters[method.index()] = new MethodMeters(registry, tags, options, inFlight);
        }
        return new CallMetrics(meters, Ticker.of(context));
    }

    private static PrometheusMeterRegistry prometheusRegistry(MeterRegistry registry) {
        return MeterRegistries.prometheus(registry)
                .orElseThrow(() -> new IllegalArgumentException("courier.filter.metrics.prometheus.enabled: true"
                        + " (expected: the application's MeterRegistry to be, or to contain, a"
                        + " PrometheusMeterRegistry; it is a "
                        + registry.getClass().getName() + ")"));
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        int index = invocation.method().index();
        if (index >= meters.length) {
            return chain.proceed(invocation);
        }
        MethodMeters method = meters[index];
        method.start();
        long start = ticker.nanoTime();
        CompletableFuture<RpcResult> call;
        try {
            call = chain.proceed(invocation);
        } catch (RuntimeException | Error e) {
            method.finish(ticker.nanoTime() - start, null, e);
            throw e;
        }
        return Futures.whenDone(call, (result, failure) -> method.finish(ticker.nanoTime() - start, result, failure));
    }
}
