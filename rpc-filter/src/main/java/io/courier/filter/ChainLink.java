package io.courier.filter;

import io.courier.api.ErrorCode;
import io.courier.api.Filter;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/**
 * One filter and everything after it. The link keeps the {@link Invoker} contract (never throws,
 * never returns {@code null}) even when a filter breaks it.
 */
final class ChainLink implements Invoker {

    private final Filter filter;
    private final String name;
    private final Filter.Chain rest;

    ChainLink(Filter filter, String name, Invoker next) {
        this.filter = filter;
        this.name = name;
        this.rest = invocation -> invokeSafely(next, invocation);
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        CompletableFuture<RpcResult> result;
        try {
            result = filter.filter(invocation, rest);
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException | LinkageError e) {
            return CompletableFuture.failedFuture(
                    new RpcException(ErrorCode.UNKNOWN, "filter '" + name + "' threw on " + invocation, e));
        }
        if (result == null) {
            return CompletableFuture.failedFuture(
                    new RpcException(ErrorCode.UNKNOWN, "filter '" + name + "' returned no future for " + invocation));
        }
        return result;
    }

    private static CompletableFuture<RpcResult> invokeSafely(Invoker next, Invocation invocation) {
        if (next instanceof ChainLink) {
            return next.invoke(invocation);
        }
        try {
            CompletableFuture<RpcResult> result = next.invoke(invocation);
            return result != null
                    ? result
                    : CompletableFuture.failedFuture(
                            new RpcException(ErrorCode.UNKNOWN, "invoker returned no future for " + invocation));
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException | LinkageError e) {
            return CompletableFuture.failedFuture(
                    new RpcException(ErrorCode.UNKNOWN, "invoker threw on " + invocation, e));
        }
    }

    @Override
    public String toString() {
        return "ChainLink(" + name + ")";
    }
}
