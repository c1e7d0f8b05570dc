package io.courier.proxy.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The future an asynchronous proxy method returns, completed from the invoker's future on
 * whichever thread completes that one. It is its own completion callback, so a call allocates no
 * lambda. Dependent stages are plain {@link CompletableFuture}s.
 */
final class AsyncCall extends CompletableFuture<Object> implements BiConsumer<RpcResult, Throwable> {

    private final ServiceKey serviceKey;
    private final MethodDescriptor method;

    AsyncCall(ServiceKey serviceKey, MethodDescriptor method) {
        this.serviceKey = serviceKey;
        this.method = method;
    }

    @Override
    public void accept(RpcResult result, Throwable failure) {
        if (failure != null) {
            completeExceptionally(CallFailures.framework(serviceKey, method, failure));
        } else if (result == null) {
            completeExceptionally(CallFailures.noResult(serviceKey, method));
        } else if (result.hasException()) {
            // A future can carry any exception, checked or not, so it arrives as the provider threw it.
            completeExceptionally(result.exception());
        } else {
            complete(result.value());
        }
    }

    static CompletableFuture<Object> failed(ServiceKey serviceKey, MethodDescriptor method, Throwable failure) {
        AsyncCall call = new AsyncCall(serviceKey, method);
        call.accept(null, failure);
        return call;
    }
}
