package io.courier.filter;

import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.filter.Filter;
import io.courier.api.filter.FilterContext;
import io.courier.api.filter.FilterFactory;
import io.courier.spi.Extension;
import io.courier.spi.ExtensionLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles filter chains. The chains are built once per service and side, when the service is
 * exported or referenced: each activated {@link FilterFactory} binds its filter to the service once,
 * and that filter is then specialised for each of its methods;
 * a method whose filters all stay bound as for the service shares the service's chain, and one
 * with a filter that has nothing to do for it gets a chain without that filter. A call then walks
 * a fixed list of links and allocates nothing beyond what the filters themselves allocate.
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
     * The filter factories activated for {@code context.side()} through {@code META-INF/services},
     * their filters bound to {@code context}, in front of {@code next}.
     *
     * @throws IllegalArgumentException if a filter's configuration is invalid
     * @throws io.courier.spi.ExtensionException if a filter cannot be loaded, or a jar still lists
     *     filters in the retired {@code META-INF/services/io.courier.api.Filter}
     */
    public static Invoker build(FilterContext context, Invoker next) {
        return build(ExtensionLoader.of(FilterFactory.class).activated(context.side()), context, next);
    }

    /**
     * The filters of {@code factories}, in the given order (the first one sees a call first), each
     * bound to {@code context} and then specialised for each method, in front of {@code next}; a
     * factory whose {@link FilterFactory#bind(FilterContext)} returns {@code null} is left out of
     * every chain, a filter whose {@link Filter#forMethod(FilterContext, MethodDescriptor)} returns
     * {@code null} is left out of that method's chain. Returns {@code next} itself when no filter
     * remains for any method.
     */
    public static Invoker build(List<? extends FilterFactory> factories, FilterContext context, Invoker next) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(next, "next");
        List<Filter> bound = new ArrayList<>(factories.size());
        List<String> names = new ArrayList<>(factories.size());
        for (FilterFactory factory : factories) {
            Filter forService = factory.bind(context);
            if (forService != null) {
                bound.add(forService);
                names.add(nameOf(factory));
            }
        }
        Invoker serviceChain = link(bound, names, next);
        List<MethodDescriptor> methods = context.service().methods();
        Invoker[] methodChains = new Invoker[methods.size()];
        boolean allAsService = true;
        StringBuilder exceptions = new StringBuilder();
        for (MethodDescriptor method : methods) {
            List<Filter> forMethod = new ArrayList<>(bound.size());
            List<String> methodNames = new ArrayList<>(bound.size());
            boolean same = true;
            for (int i = 0; i < bound.size(); i++) {
                Filter filter = bound.get(i).forMethod(context, method);
                if (filter != null) {
                    forMethod.add(filter);
                    methodNames.add(names.get(i));
                }
                same &= filter == bound.get(i);
            }
            if (!methodNames.equals(names)) {
                exceptions.append("; ").append(method.name()).append(": ").append(methodNames);
            }
            allAsService &= same;
            methodChains[method.index()] = same ? serviceChain : link(forMethod, methodNames, next);
        }
        String description = context.side() + " filter chain of " + context.serviceKey() + ": " + names + exceptions;
        if (firstOfApplication(context, description)) {
            log.info(description);
        } else {
            log.debug(description);
        }
        return allAsService ? serviceChain : new MethodChains(methods, methodChains, serviceChain);
    }

    private static Invoker link(List<Filter> filters, List<String> names, Invoker next) {
        Invoker chain = next;
        for (int i = filters.size() - 1; i >= 0; i--) {
            chain = new ChainLink(filters.get(i), names.get(i), chain);
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

    private static String nameOf(FilterFactory factory) {
        Extension extension = factory.getClass().getAnnotation(Extension.class);
        return extension != null ? extension.value() : factory.getClass().getName();
    }
}
