package io.courier.transport.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.courier.transport.internal.Outbound;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/**
 * One two-way call on one connection: its encoded request on the way out, then the caller's future
 * waiting in the {@link InFlightTable} until the response, the timeout or the connection's end
 * takes it out.
 */
public final class PendingCall implements Outbound {

    private final long id;
    private final Invocation invocation;
    private final CallOptions options;
    private final CompletableFuture<RpcResult> future;
    private final InFlightTable table;
    private final long dueNanos;
    private ByteBuf frame;
    // Set on the event loop when the request is handed to the socket; read when the connection fails.
    private volatile boolean written;

    PendingCall(
            long id,
            Invocation invocation,
            CallOptions options,
            CompletableFuture<RpcResult> future,
            InFlightTable table,
            ByteBuf frame,
            long dueNanos) {
        this.id = id;
        this.invocation = invocation;
        this.options = options;
        this.future = future;
        this.table = table;
        this.frame = frame;
        this.dueNanos = dueNanos;
    }

    public long id() {
        return id;
    }

    public Invocation invocation() {
        return invocation;
    }

    public CallOptions options() {
        return options;
    }

    public CompletableFuture<RpcResult> future() {
        return future;
    }

    /** When the call times out ({@link System#nanoTime()}): its timeout, or its deadline when sooner. */
    long dueNanos() {
        return dueNanos;
    }

    /** Whether the request was handed to the socket, so that the provider may have run it. */
    public boolean written() {
        return written;
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

    @Override
    public boolean abandoned() {
        // Timed out or failed while queued: nobody waits for the answer, so do not ask.
        return future.isDone();
    }

    @Override
    public Object message() {
        ByteBuf out = frame;
        frame = null;
        return out;
    }

    @Override
    public void onWritten() {
        written = true;
    }

    @Override
    public boolean request() {
        return true;
    }

    @Override
    public void onDropped(ErrorCode reason) {
        ByteBuf out = frame;
        frame = null;
        if (out != null) {
            out.release();
        }
        if (table.remove(this)) {
            fail(
                    reason,
                    reason == ErrorCode.GOING_AWAY
                            ? "server going away before the request was sent"
                            : "connection closed before the request was sent");
        }
    }
}
