package io.courier.filter.limit;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code concurrency-limit}: at most N calls of a method executing at once on the provider, fixed or adaptive. Configured by {@code courier.filter.concurrency-limit.*} (see
 * {@code docs/filters.md}); {@link #bind} returns {@code null} for a service with no limit, so an
 * unconfigured service pays nothing.
 */
@Extension("concurrency-limit")
@Activate(sides = Side.PROVIDER, order = ConcurrencyLimitFilter.ORDER)
public final class ConcurrencyLimitFilter implements FilterFactory {

    /** The innermost limit: only calls every other check admitted take a slot. */
    public static final int ORDER = 700;

    @Override
    public Filter bind(FilterContext context) {
        return ConcurrencyLimiting.forService(context, FilterKeys.CONCURRENCY_LIMIT);
    }
}
