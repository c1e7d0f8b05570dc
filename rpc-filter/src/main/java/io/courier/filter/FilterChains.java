package io.courier.filter;

import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invoker;
import io.courier.spi.Extension;
import io.courier.spi.ExtensionLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles filter chains. A chain is built once per service and side, when the service is
 * exported or referenced; a call then walks a fixed list of links and allocates nothing beyond
 * what the filters themselves allocate.
 *
 * <pre>
 * consumer: proxy -&gt; [filter 100] -&gt; [filter 200] -&gt; ... -&gt; cluster invoker
 * provider: server executor -&gt; [filter 100] -&gt; ... -&gt; [filter 700] -&gt; dispatcher -&gt; implementation
 * </pre>
 */
public final class FilterChains {

    private static final Logger log = LoggerFactory.getLogger(FilterChains.class);

    private FilterChains() {}

    /**
     * The filters activated for {@code context.side()} through {@code META-INF/services}, bound to
     * {@code context}, in front of {@code next}.
     *
     * @throws IllegalArgumentException if a filter's configuration is invalid
     * @throws io.courier.spi.ExtensionException if a filter cannot be loaded
     */
    public static Invoker build(FilterContext context, Invoker next) {
        return build(ExtensionLoader.of(Filter.class).activated(context.side()), context, next);
    }

    /**
     * {@code filters}, in the given order (the first one sees a call first), each bound to
     * {@code context}, in front of {@code next}; filters whose {@link Filter#bind} returns
     * {@code null} are left out. Returns {@code next} itself when none remains.
     */
    public static Invoker build(List<? extends Filter> filters, FilterContext context, Invoker next) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(next, "next");
        List<Filter> bound = new ArrayList<>(filters.size());
        List<String> names = new ArrayList<>(filters.size());
        for (Filter filter : filters) {
            Filter forService = filter.bind(context);
            if (forService != null) {
                bound.add(forService);
                names.add(nameOf(filter));
            }
        }
        Invoker chain = next;
        for (int i = bound.size() - 1; i >= 0; i--) {
            chain = new ChainLink(bound.get(i), names.get(i), chain);
        }
        String description = context.side() + " filter chain of " + context.serviceKey() + ": " + names;
        if (firstOfApplication(context, description)) {
            log.info(description);
        } else {
            log.debug(description);
        }
        return chain;
    }

    /** Whether the application of {@code context} logs {@code chain} for the first time. */
    private static boolean firstOfApplication(FilterContext context, String chain) {
        LoggedChains logged;
        try {
            logged = context.shared(LoggedChains.class, LoggedChains::new);
        } catch (RuntimeException e) {
            return true; // a context without shared objects (a test's): log every chain
        }
        return logged.first(chain);
    }

    private static String nameOf(Filter filter) {
        Extension extension = filter.getClass().getAnnotation(Extension.class);
        return extension != null ? extension.value() : filter.getClass().getName();
    }
}
