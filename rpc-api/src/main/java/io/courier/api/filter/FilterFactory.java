package io.courier.api.filter;

import io.courier.spi.ExtensionPoint;

/**
 * The filter extension point: makes, for each service and side, the {@link Filter} that runs on its
 * calls. Limits, tracing, metrics, authentication and whatever a user adds are factories of this
 * type; the factory itself is never on a call's path (Armeria keeps a decorator's factory apart from
 * the decorator in the same way).
 *
 * <p>A factory is an extension: list the class in
 * {@code META-INF/services/io.courier.api.filter.FilterFactory}, name it with
 * {@link io.courier.spi.Extension}, and activate it with {@link io.courier.spi.Activate} (sides and
 * order). Lower orders run first: nearer the caller on the consumer, nearer the network on the
 * provider. Courier's built-in filters use orders 100 to 900 (tracing 100, metrics 200, access log
 * 300, authentication 400 to 450, deadline 500, rate limit 600, concurrency limit 700, consumer
 * token 800, consumer signing 900; see {@code docs/filters.md}); a user filter below 100 sees every
 * call before them, one above 900 runs last (on the provider: just before the implementation).
 *
 * <p>The activated factory is a singleton shared by every service and application in the class
 * loader: it is thread-safe and keeps no per-service state; what a service needs belongs in the
 * filter {@link #bind} returns. A filter that needs no state at all is a few lines:
 *
 * <pre>{@code
 * @Extension("hello")
 * @Activate(sides = Side.CONSUMER, order = 50)
 * public final class HelloFilter implements FilterFactory {
 *     @Override
 *     public Filter bind(FilterContext context) {
 *         return (invocation, chain) -> chain.proceed(invocation.withAttachment("hello", "world"));
 *     }
 * }
 * }</pre>
 *
 * <p>The chains of a service are assembled once per side, when the service is exported or
 * referenced: {@link #bind} runs once for the service, then {@link Filter#forMethod} once per
 * method on the filter it returned (see {@link Filter}).
 */
@ExtensionPoint(formerly = "io.courier.api.Filter")
@FunctionalInterface
public interface FilterFactory {

    /**
     * Makes the filter for one service on one side, once, when the chain is assembled: typically a
     * new object holding the service's options and state (shared by all its methods), or one object
     * shared by every service when it needs no state.
     *
     * @return the filter to put in the service's chains, or {@code null} to stay out of every chain
     *     of the service (e.g. because it is not configured for it), which costs nothing per call
     * @throws IllegalArgumentException if the filter's configuration is invalid; the message names
     *     the key, the value and what was expected, and the export or reference fails
     */
    Filter bind(FilterContext context);
}
