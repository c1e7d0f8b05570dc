package io.courier.api.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Internal;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;

/**
 * What a call becomes when the invoker or filter that should carry it breaks the {@code Invoker}
 * contract, or when an asynchronous implementation returns no future: the one definition behind
 * {@code Invoker.invokeSafely} and the provider's dispatcher. Links of the call path that must not
 * add a stack frame per call (the filter chain, the per-endpoint invoker) write the {@code try}
 * themselves and hand what they caught, or what they got, to these methods.
 */
@Internal
public final class BrokenContract {

    private BrokenContract() {}

    /**
     * {@code result}, or a failed future when it is {@code null}: {@link ErrorCode#UNKNOWN}, may have
     * executed. {@code who} names the invoker or filter in the message.
     */
    public static CompletableFuture<RpcResult> nonNull(
            CompletableFuture<RpcResult> result, Object who, Invocation invocation) {
        return result != null
                ? result
                : CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.UNKNOWN, who + " returned no future for " + invocation));
    }

    /**
     * The failed future of a call whose invoker or filter threw {@code thrown}: an {@link
     * RpcException} as it is, anything else as {@link ErrorCode#UNKNOWN}, may have executed (it may
     * have sent the request before it threw).
     */
    public static CompletableFuture<RpcResult> thrown(Throwable thrown, Object who, Invocation invocation) {
        if (thrown instanceof RpcException rpc) {
            return CompletableFuture.failedFuture(rpc);
        }
        return CompletableFuture.failedFuture(
                new RpcException(ErrorCode.UNKNOWN, who + " threw on " + invocation + ": " + thrown, thrown));
    }

    /**
     * The answer to a call of an asynchronous method whose implementation {@code who} returned
     * {@code null} instead of its {@code CompletableFuture}: the implementation's own fault, so the
     * caller gets it as the implementation's exception (an {@link IllegalStateException} in a
     * business-exception result), as it would anything the implementation threw; the method ran.
     */
    public static CompletableFuture<RpcResult> noFuture(String method, Object who) {
        return CompletableFuture.completedFuture(RpcResult.ofException(
                new IllegalStateException(method + " of " + who + " returned null instead of a CompletableFuture")));
    }
}
