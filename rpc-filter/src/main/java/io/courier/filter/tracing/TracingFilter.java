package io.courier.filter.tracing;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Extension {@code tracing}, both sides, on by default ({@code courier.filter.tracing.enabled}, also
 * per method: {@code courier.filter.<method>.tracing.enabled}). Spans go to the application's shared
 * {@link OpenTelemetry} (one the application registered, else {@link GlobalOpenTelemetry} as set
 * when the chain is bound; on an OpenTelemetry API older than 1.57, reading it installs the no-op
 * instance when none was set, as that API's {@code get()} does). With the API's no-op instance (no SDK installed) there is nothing to
 * record or propagate, so the filter stays out of the chain; a method it is off for has no tracing
 * in its chain either.
 */
@Extension("tracing")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = TracingFilter.ORDER)
public final class TracingFilter implements FilterFactory {

    /** Outermost: the span covers everything, refusals included, and is current for other filters. */
    public static final int ORDER = 100;

    /** The instrumentation scope name of Courier's spans. */
    public static final String INSTRUMENTATION_SCOPE = "io.courier";

    @Override
    public Filter bind(FilterContext context) {
        boolean enabled = context.setting(FilterKeys.TRACING_ENABLED).orElse(true);
        if (!enabled && !context.anySet(FilterKeys.TRACING_ENABLED)) {
            return null;
        }
        OpenTelemetry openTelemetry = context.shared(OpenTelemetry.class, GlobalTelemetry::getOrNoop);
        if (openTelemetry == OpenTelemetry.noop()) {
            return null;
        }
        return new ServiceTracing(openTelemetry);
    }
}
