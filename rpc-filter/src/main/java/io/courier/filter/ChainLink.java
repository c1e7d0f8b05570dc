package io.courier.filter;

import io.courier.api.Filter;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/**
 * One filter and everything after it. The link keeps the {@link Invoker} contract (never throws,
 * never returns {@code null}) even when a filter breaks it, through {@link Invoker#invokeSafely}.
 */
final class ChainLink implements Invoker {

    private final Invoker step;
    private final String name;

    ChainLink(Filter filter, String name, Invoker next) {
        this.name = name;
        Filter.Chain rest =
                next instanceof ChainLink ? next::invoke : invocation -> Invoker.invokeSafely(next, invocation);
        this.step = new Step(filter, name, rest);
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        return Invoker.invokeSafely(step, invocation);
    }

    @Override
    public String toString() {
        return "ChainLink(" + name + ")";
    }

    /** The filter applied to the rest of the chain; named so that a broken filter is named in failures. */
    private record Step(Filter filter, String name, Filter.Chain rest) implements Invoker {
        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return filter.filter(invocation, rest);
        }

        @Override
        public String toString() {
            return "filter '" + name + "'";
        }
    }
}
