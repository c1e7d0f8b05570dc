package io.courier.filter.limit;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code consumer-rate-limit}: the consumer's token buckets, keeping its calls to a service within a quota. Configured by {@code courier.filter.consumer-rate-limit.*} (see
 * {@code docs/filters.md}); {@link #bind} returns {@code null} for a service with no limit, so an
 * unconfigured service pays nothing.
 */
@Extension("consumer-rate-limit")
@Activate(sides = Side.CONSUMER, order = ConsumerRateLimitFilter.ORDER)
public final class ConsumerRateLimitFilter implements FilterFactory {

    /** After authentication and the deadline check, before the concurrency limit. */
    public static final int ORDER = 600;

    @Override
    public Filter bind(FilterContext context) {
        return RateLimiting.forService(context, FilterKeys.CONSUMER_RATE_LIMIT);
    }
}
