package io.courier.examples.extending;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;

/**
 * The smallest filter of docs/extending.md: no configuration and no state, so its factory binds the
 * same lambda to every service. Not listed in a services file: {@link HelloFilterTest} binds it
 * itself.
 */
// region hello-filter
@Extension("hello")
@Activate(sides = Side.CONSUMER, order = 50)
public final class HelloFilter implements FilterFactory {
    @Override
    public Filter bind(FilterContext context) {
        return (invocation, chain) -> chain.proceed(invocation.withAttachment("hello", "world"));
    }
}
// endregion
