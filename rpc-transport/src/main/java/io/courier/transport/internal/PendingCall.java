package io.courier.transport.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.netty.util.Timeout;
import java.util.concurrent.CompletableFuture;

/**
 * One two-way call waiting for its response on one connection: the caller's future, what the
 * response body must be decoded as, and the timeout that removes it from its {@link InFlightTable}.
 */
public final class PendingCall {

    private final long id;
    private final Invocation invocation;
    private final CompletableFuture<RpcResult> future;
    private final long timeoutMillis;
    private Timeout timeout;
    // Set on the event loop when the request is handed to the socket; read when the connection fails.
    private volatile boolean written;

    PendingCall(long id, Invocation invocation, CompletableFuture<RpcResult> future, long timeoutMillis) {
        this.id = id;
        this.invocation = invocation;
        this.future = future;
        this.timeoutMillis = timeoutMillis;
    }

    public long id() {
        return id;
    }

    public Invocation invocation() {
        return invocation;
    }

    public CompletableFuture<RpcResult> future() {
        return future;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    void timeout(Timeout timeout) {
        this.timeout = timeout;
    }

    /** Whether the request was handed to the socket, so that the provider may have run it. */
    public boolean written() {
        return written;
    }

    public void markWritten() {
        written = true;
    }

    /** Stops the timeout; called once the call has left its table. */
    void cancelTimeout() {
        Timeout pending = timeout;
        if (pending != null) {
            pending.cancel();
        }
    }

    public void complete(RpcResult result) {
        future.complete(result);
    }

    public void fail(RpcException failure) {
        future.completeExceptionally(failure);
    }

    /** Fails with {@code code}, "not executed" exactly when the request never reached the socket. */
    public void fail(ErrorCode code, String message) {
        future.completeExceptionally(new RpcException(code, !written, message + " (" + invocation + ")", null));
    }
}
