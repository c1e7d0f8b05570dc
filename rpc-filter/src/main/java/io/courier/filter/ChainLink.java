package io.courier.filter;

import io.courier.api.Filter;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.internal.BrokenContract;
import java.util.concurrent.CompletableFuture;

/**
 * One filter and everything after it. The link keeps the {@link Invoker} contract (never throws,
 * never returns {@code null}) even when a filter breaks it, as {@link Invoker#invokeSafely} would,
 * without a stack frame of its own per filter; the chain's exit calls the next invoker with the same
 * guard ({@link #exit}).
 */
final class ChainLink implements Invoker {

    private final Filter filter;
    private final String name;
    private final Filter.Chain rest;

    ChainLink(Filter filter, String name, Invoker next) {
        this.filter = filter;
        this.name = name;
        this.rest = next instanceof ChainLink ? next::invoke : invocation -> exit(next, invocation);
    }

    /**
     * The chain's exit: {@link Invoker#invokeSafely} written out, so that the next invoker is called
     * from this module's frame and rpc-api adds none to the call path.
     */
    static CompletableFuture<RpcResult> exit(Invoker next, Invocation invocation) {
        try {
            return BrokenContract.nonNull(next.invoke(invocation), next, invocation);
        } catch (RuntimeException | LinkageError e) {
            return BrokenContract.thrown(e, next, invocation);
        }
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        try {
            return BrokenContract.nonNull(filter.filter(invocation, rest), this, invocation);
        } catch (RuntimeException | LinkageError e) {
            return BrokenContract.thrown(e, this, invocation);
        }
    }

    /** Names the filter in failure messages. */
    @Override
    public String toString() {
        return "filter '" + name + "'";
    }
}
