package io.courier.transport.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.courier.transport.internal.channel.Outbound;
import io.netty.buffer.ByteBuf;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One two-way call on one connection: its encoded request on the way out, then the call waiting in
 * the {@link InFlightTable} until the response, the timeout or the connection's end takes it out and
 * tells {@code whenDone}, once (whoever removes the call from the table completes it). {@code
 * whenDone} is the caller's own callback (the cluster's per-instance answer, run straight from the
 * IO thread's read of the response) or the {@link CallFuture} a caller of {@link
 * ClientConnection#send(Invocation, CallOptions)} holds.
 */
public final class PendingCall implements Outbound {

    private static final Logger log = LoggerFactory.getLogger(PendingCall.class);

    private final long id;
    private final Invocation invocation;
    private final CallOptions options;
    private final BiConsumer<RpcResult, Throwable> whenDone;
    private final InFlightTable table;
    private final long dueNanos;
    private ByteBuf frame;
    // Set on the event loop when the request is handed to the socket; read when the connection fails.
    private volatile boolean written;

    PendingCall(
            long id,
            Invocation invocation,
            CallOptions options,
            BiConsumer<RpcResult, Throwable> whenDone,
            InFlightTable table,
            ByteBuf frame,
            long dueNanos) {
        this.id = id;
        this.invocation = invocation;
        this.options = options;
        this.whenDone = whenDone;
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

    /** When the call times out ({@link System#nanoTime()}): its timeout, or its deadline when sooner. */
    long dueNanos() {
        return dueNanos;
    }

    /** Whether the request was handed to the socket, so that the provider may have run it. */
    public boolean written() {
        return written;
    }

    public void complete(RpcResult result) {
        tell(whenDone, result, null);
    }

    public void fail(RpcException failure) {
        tell(whenDone, null, failure);
    }

    /** Fails with {@code code}, "not executed" exactly when the request never reached the socket. */
    public void fail(ErrorCode code, String message) {
        fail(new RpcException(code, !written, message + " (" + invocation + ")", null));
    }

    /**
     * Hands an outcome to {@code whenDone}. What it throws is its own fault and must not reach the
     * thread that tells it: on the IO thread it would close the connection under every other call.
     */
    static void tell(BiConsumer<RpcResult, Throwable> whenDone, RpcResult result, Throwable failure) {
        try {
            whenDone.accept(result, failure);
        } catch (RuntimeException | LinkageError e) {
            log.warn(
                    "The completion of a call threw; the call's outcome was {}",
                    failure == null ? "a result" : failure,
                    e);
        }
    }

    @Override
    public boolean abandoned() {
        // Timed out, failed or cancelled while queued: nobody waits for the answer, so do not ask.
        return !table.contains(this);
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
