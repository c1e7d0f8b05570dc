package io.courier.filter.metrics;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code metrics}, both sides: Micrometer meters per method (see {@code docs/filters.md}
 * for names and tags) and, if enabled, the Prometheus scrape endpoint. Off unless
 * {@code courier.filter.metrics.enabled=true}; a method with
 * {@code courier.filter.<method>.metrics.enabled=false} has no metrics filter in its chain.
 */
@Extension("metrics")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = MetricsFilter.ORDER)
public final class MetricsFilter implements FilterFactory {

    /** Just inside tracing, so that it counts every refusal of the filters after it. */
    public static final int ORDER = 200;

    @Override
    public Filter bind(FilterContext context) {
        return CallMetrics.forService(context);
    }
}
