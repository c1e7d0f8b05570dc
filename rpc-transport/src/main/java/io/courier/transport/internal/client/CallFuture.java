package io.courier.transport.internal.client;

import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The future of one two-way call on one connection. Cancelling it abandons the call: the call
 * leaves the connection's in-flight table at once and, when its request has already reached the
 * socket, a cancel event tells the provider, which drops the request if it has not started running
 * it (docs/protocol.md, section 5). The hedging cluster cancels the attempt that lost this way.
 * Costs nothing more than the future it replaces until it is cancelled. It is its own call's
 * completion ({@link PendingCall} tells it the outcome), so it needs no other object.
 */
final class CallFuture extends CompletableFuture<RpcResult> implements BiConsumer<RpcResult, Throwable> {

    private volatile ClientConnection connection;
    private volatile PendingCall call;

    /** The call this future stands for, once it is registered; cancels it at once if the future already was. */
    void bind(ClientConnection owner, PendingCall pending) {
        connection = owner;
        call = pending;
        if (isCancelled()) {
            owner.cancel(pending);
        }
    }

    /** The call's outcome. */
    @Override
    public void accept(RpcResult result, Throwable failure) {
        if (failure != null) {
            completeExceptionally(failure);
        } else {
            complete(result);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        PendingCall pending = call;
        if (cancelled && pending != null) {
            connection.cancel(pending);
        }
        return cancelled;
    }
}
