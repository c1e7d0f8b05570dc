package io.courier.filter;

import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Activate;
import io.courier.spi.Extension;
import io.courier.spi.Side;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A user filter, known to Courier only through this module's test {@code META-INF/services} file.
 * At order 550 it sits between the deadline filter (500) and the rate limits (600). It records the
 * attachments of each call it sees into the application's shared {@link Seen}; it stays out of
 * every chain unless {@code courier.filter.order-probe.enabled=true}.
 */
@Extension("order-probe")
@Activate(
        sides = {Side.CONSUMER, Side.PROVIDER},
        order = 550)
public final class OrderProbeFilter implements FilterFactory {

    /** What the probe saw, per application. */
    public static final class Seen {
        public final List<Map<String, String>> attachments = new CopyOnWriteArrayList<>();
    }

    @Override
    public Filter bind(FilterContext context) {
        if (!"true"
                .equals(context.property("courier.filter.order-probe.enabled").orElse("false"))) {
            return null;
        }
        Seen seen = context.shared(Seen.class, Seen::new);
        return (invocation, chain) -> {
            seen.attachments.add(invocation.attachments());
            return chain.proceed(invocation);
        };
    }
}
