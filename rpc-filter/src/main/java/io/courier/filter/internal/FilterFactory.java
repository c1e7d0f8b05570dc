package io.courier.filter.internal;

import io.courier.api.Filter;
import io.courier.api.FilterContext;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/**
 * An activated filter that only makes the filters that run: its {@link #bind(FilterContext)}
 * returns a new filter for the service, or {@code null}, and never this instance, so no chain ever
 * holds it. Its {@link #filter} is therefore never called by a chain; should something call it
 * anyway, it refuses rather than let a call pass a check it was meant to get (the chain turns the
 * exception into a failed call, {@code UNKNOWN}).
 */
public abstract class FilterFactory implements Filter {

    @Override
    public abstract Filter bind(FilterContext context);

    @Override
    public final CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        throw new IllegalStateException(getClass().getName()
                + " is a filter factory: bind(FilterContext) returns the filter that runs; it was called for "
                + invocation);
    }
}
