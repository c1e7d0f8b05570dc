package io.courier.filter.limit;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code rate-limit}: the provider's token buckets, protecting it from its callers. Configured by {@code courier.filter.rate-limit.*} (see
 * {@code docs/filters.md}); {@link #bind} returns {@code null} for a service with no limit, so an
 * unconfigured service pays nothing.
 */
@Extension("rate-limit")
@Activate(sides = Side.PROVIDER, order = RateLimitFilter.ORDER)
public final class RateLimitFilter implements FilterFactory {

    /** After authentication and the deadline check, before the concurrency limit. */
    public static final int ORDER = 600;

    @Override
    public Filter bind(FilterContext context) {
        return RateLimiting.forService(context, FilterKeys.RATE_LIMIT);
    }
}
