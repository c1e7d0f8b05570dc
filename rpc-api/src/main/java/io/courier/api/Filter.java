package io.courier.api;

import io.courier.spi.ExtensionPoint;
import java.util.concurrent.CompletableFuture;

/**
 * Intercepts calls on the consumer or the provider side: limits, circuit breaking, tracing,
 * metrics, authentication, and whatever a user adds.
 *
 * <p>Filters are extensions: list the class in
 * {@code META-INF/services/io.courier.api.Filter}, name it with
 * {@link io.courier.spi.Extension}, and activate it with {@link io.courier.spi.Activate} (sides and
 * order). Lower orders run first: nearer the caller on the consumer, nearer the network on the
 * provider. Courier's built-in filters use orders 100 to 900 (tracing 100, metrics 200, access log
 * 300, authentication 400 to 450, deadline 500, rate limit 600, concurrency limit 700, consumer
 * token 800, consumer signing 900; see {@code docs/filters.md}); a user filter below 100 sees every
 * call before them, one above 900 runs last (on the provider: just before the implementation).
 *
 * <p>The chain for a service is assembled once per side, when the service is exported or
 * referenced: {@link #bind(FilterContext)} is called then, and returns the filter to put in that
 * service's chain, typically a new object holding the service's options and state. The activated
 * instance itself is a singleton shared by every service.
 *
 * <p>A filter sees each call exactly once, whether the method is synchronous, asynchronous or
 * oneway. It must not block: work that waits belongs in a future stage. {@link Chain#proceed} may be
 * called at most once per call; a filter that answers itself (a refused call, a cached value)
 * does not call it, and answers a refusal with a future completed exceptionally with an
 * {@link RpcException} whose code says why. A filter should not throw; if it does, the chain turns
 * the exception into a failed future so that the {@link Invoker} contract holds. Filters are
 * thread-safe.
 */
@ExtensionPoint
public interface Filter {

    /** Handles one call: usually inspects or decorates it and returns {@code chain.proceed(...)}. */
    CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain);

    /**
     * Prepares this filter for one service on one side, once, when the chain is assembled.
     *
     * @return the filter to put in the chain (this one by default), or {@code null} to stay out of
     *     this service's chain (e.g. because it is not configured for it), which costs nothing per
     *     call
     * @throws IllegalArgumentException if the filter's configuration is invalid; the message names
     *     the key, the value and what was expected, and the export or reference fails
     */
    default Filter bind(FilterContext context) {
        return this;
    }

    /** The rest of the chain after one filter. */
    @FunctionalInterface
    interface Chain {
        /**
         * Passes the call on; call at most once, with one exception: after the call failed with an
         * {@link RpcException} that is {@link RpcException#notExecuted() not executed}, a filter may
         * pass it on once more to cure the refusal (a consumer's OAuth2 filter does so with a fresh
         * token); the filters after it then see that call twice.
         */
        CompletableFuture<RpcResult> proceed(Invocation invocation);
    }
}
