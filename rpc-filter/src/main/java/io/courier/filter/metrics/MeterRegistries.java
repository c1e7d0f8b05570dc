package io.courier.filter.metrics;

import io.courier.api.filter.FilterContext;
import io.courier.filter.SharedObjects;
import io.courier.filter.config.FilterKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Optional;

/**
 * Where Courier's meters go: the application's shared {@link MeterRegistry}, which is the one the
 * application registered, else a {@link PrometheusMeterRegistry} built on first use (beside a
 * registry that pushes them, when a telemetry installer offers one: {@link #prometheusAnd}).
 */
public final class MeterRegistries {

    private MeterRegistries() {}

    /**
     * The application's registry if {@code courier.filter.metrics.enabled} is {@code true} for the
     * context's service, else empty.
     */
    public static Optional<MeterRegistry> find(FilterContext context) {
        boolean enabled = context.setting(FilterKeys.METRICS_ENABLED).orElse(false);
        return enabled ? Optional.of(of(context)) : Optional.empty();
    }

    /** The application's registry, built on first use. */
    public static MeterRegistry of(FilterContext context) {
        return context.shared(MeterRegistry.class, MeterRegistries::prometheusRegistry);
    }

    /** The application's registry among its {@code shared} objects, built on first use (for parts outside a chain). */
    public static MeterRegistry of(SharedObjects shared) {
        return shared.get(MeterRegistry.class, MeterRegistries::prometheusRegistry);
    }

    /**
     * A registry that sends every meter both to a new {@link PrometheusMeterRegistry} (the one the
     * metrics endpoint scrapes, found by {@link #prometheus}) and to {@code pushed}, a registry
     * that pushes its meters elsewhere.
     */
    public static CompositeMeterRegistry prometheusAnd(MeterRegistry pushed) {
        CompositeMeterRegistry both = new CompositeMeterRegistry();
        both.add(prometheusRegistry());
        both.add(pushed);
        return both;
    }

    private static MeterRegistry prometheusRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * {@code registry} if it is a {@link PrometheusMeterRegistry}, else the first one a composite
     * {@code registry} holds; empty if there is none (its meters cannot be scraped as Prometheus text).
     */
    public static Optional<PrometheusMeterRegistry> prometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return Optional.of(prometheus);
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry member : composite.getRegistries()) {
                if (member instanceof PrometheusMeterRegistry prometheus) {
                    return Optional.of(prometheus);
                }
            }
        }
        return Optional.empty();
    }
}
