package io.courier.api.filter;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/**
 * Intercepts the calls of one service on the consumer or the provider side: limits, tracing,
 * metrics, authentication, and whatever a user adds. A filter is what runs on a call; it is made,
 * once per service and side, by the {@link io.courier.api.filter.FilterFactory} that Courier
 * activates (the extension point, listed in
 * {@code META-INF/services/io.courier.api.filter.FilterFactory}), and the factory is never on a
 * call's path.
 *
 * <p>The chains of a service are assembled once per side, when the service is exported or
 * referenced, in two steps:
 *
 * <ol>
 *   <li>{@link io.courier.api.filter.FilterFactory#bind(FilterContext)}, once per service: returns
 *       the filter for that service, typically a new object holding the service's options and
 *       state (shared by all its methods), or {@code null} to stay out of every chain of the
 *       service;
 *   <li>{@link #forMethod(FilterContext, MethodDescriptor)}, on what the first step returned, once
 *       per method of the service: returns the filter to put in that method's chain (this one by
 *       default), or {@code null} when it has nothing to do for the method; it is then not in that
 *       method's chain at all and costs that method nothing per call.
 * </ol>
 *
 * <p>Each method has its own chain of the filters bound to it, built once; a call walks the chain of
 * its method. A filter therefore decides per method in the second step: it returns {@code null} when
 * it has nothing to do for the method (no limit configured for it, a check the method is exempt from,
 * a switch that is off for it), and otherwise a filter already specialised for the method (its names,
 * tags, meters and limits looked up once), so that {@link #filter} does no lookup by method. The
 * filter of the first step also serves, as it is, a call whose method is not among the service's
 * descriptors (a call built on a descriptor the chain was not built with): for such a call no method
 * step ran, so a check must refuse it there rather than let it pass.
 *
 * <p>A filter sees each call exactly once, whether the method is synchronous, asynchronous or
 * oneway. It must not block: work that waits belongs in a future stage. {@link Chain#proceed} may be
 * called at most once per call; a filter that answers itself (a refused call, a cached value)
 * does not call it, and answers a refusal with a future completed exceptionally with an
 * {@link RpcException} whose code says why. A filter should not throw; if it does, the chain turns
 * the exception into a failed future so that the {@link Invoker} contract holds, and names the
 * filter in its message. Filters are thread-safe.
 *
 * <p>A stream (a method that returns or takes a {@link java.util.concurrent.Flow.Publisher}) is one
 * call too: the filter sees the invocation that opens it and a result whose value is the stream's
 * publisher (on the provider the one the method returned, before the transport subscribes; on the
 * consumer the stream's, before the proxy subscribes). The future completes when the stream opens,
 * not when it ends; to see its messages and its end (completed, failed or cancelled), answer with
 * {@link StreamWatch#watch(RpcResult, StreamWatch)}.
 */
@FunctionalInterface
public interface Filter {

    /**
     * Handles one call: usually inspects or decorates it and returns {@code chain.proceed(...)}.
     * Called only on a filter that is in a chain: the filter its factory bound for the service (the
     * service's filter, or what {@link #forMethod} returned for the call's method).
     */
    CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain);

    /**
     * Specialises this filter, the one
     * {@link io.courier.api.filter.FilterFactory#bind(FilterContext)} returned for a service, for one
     * method of that service, once per method, when the method's chain is assembled; {@code context}
     * is the one passed to {@code bind}. A call of the method then goes through the filter returned
     * here, and only if one was.
     *
     * @param method one of {@code context.service().methods()}
     * @return the filter to put in this method's chain (this one by default), or {@code null} when it
     *     has nothing to do for the method (e.g. a check the method is exempt from), which leaves it
     *     out of the method's chain
     * @throws IllegalArgumentException if the filter's configuration for the method is invalid; the
     *     message names the key, the value and what was expected, and the export or reference fails
     */
    default Filter forMethod(FilterContext context, MethodDescriptor method) {
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
