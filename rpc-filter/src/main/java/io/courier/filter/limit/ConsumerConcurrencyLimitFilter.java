package io.courier.filter.limit;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.filter.config.FilterKeys;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * Extension {@code consumer-concurrency-limit}: at most N calls of a method in flight at once from this consumer, fixed or adaptive. Configured by {@code courier.filter.consumer-concurrency-limit.*} (see
 * {@code docs/filters.md}); {@link #bind} returns {@code null} for a service with no limit, so an
 * unconfigured service pays nothing.
 */
@Extension("consumer-concurrency-limit")
@Activate(sides = Side.CONSUMER, order = ConsumerConcurrencyLimitFilter.ORDER)
public final class ConsumerConcurrencyLimitFilter implements FilterFactory {

    /** The innermost limit: only calls every other check admitted take a slot. */
    public static final int ORDER = 700;

    @Override
    public Filter bind(FilterContext context) {
        return ConcurrencyLimiting.forService(context, FilterKeys.CONSUMER_CONCURRENCY_LIMIT);
    }
}
