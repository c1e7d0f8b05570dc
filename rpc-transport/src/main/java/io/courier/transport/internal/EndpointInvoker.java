package io.courier.transport.internal;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Calls one service on one endpoint through that endpoint's pool. The usual call finds a ready
 * connection and goes straight to it; only a call that must wait for a connect takes a detour
 * through a future.
 */
public final class EndpointInvoker implements Invoker {

    private final EndpointPool pool;
    private final CallOptions options;

    public EndpointInvoker(EndpointPool pool, CallOptions options) {
        this.pool = pool;
        this.options = options;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        ClientConnection ready = pool.pick();
        if (ready != null) {
            return ready.send(invocation, options);
        }
        CompletableFuture<RpcResult> result = new CompletableFuture<>();
        pool.acquire().whenComplete((connection, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else {
                connection.send(invocation, options).whenComplete((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    } else {
                        result.complete(value);
                    }
                });
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public String toString() {
        return "EndpointInvoker(" + pool.endpoint() + ")";
    }
}
