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
 * order; lower orders run first, i.e. nearer the caller). The chain for a service is assembled
 * once, when the service is exported or referenced: {@link #bind(FilterContext)} is called then,
 * and may return a per-service filter holding per-service state.
 *
 * <p>A filter sees each call exactly once, whether the method is synchronous, asynchronous or
 * oneway. It must not block: work that waits belongs in a future stage. {@link Chain#proceed} may be
 * called at most once per call; a filter that answers itself (a refused call, a cached value)
 * does not call it. Filters are thread-safe.
 */
@ExtensionPoint
public interface Filter {

    /** Handles one call: usually inspects or decorates it and returns {@code chain.proceed(...)}. */
    CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain);

    /**
     * Prepares this filter for one service on one side, once, when the chain is assembled.
     *
     * @return the filter to put in the chain (this one by default), or {@code null} to stay out of
     *     this service's chain (e.g. because it is not configured for it)
     */
    default Filter bind(FilterContext context) {
        return this;
    }

    /** The rest of the chain after one filter. */
    @FunctionalInterface
    interface Chain {
        /** Passes the call on; call at most once. */
        CompletableFuture<RpcResult> proceed(Invocation invocation);
    }
}
