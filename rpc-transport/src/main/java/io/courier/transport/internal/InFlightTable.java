package io.courier.transport.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.netty.buffer.ByteBuf;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two-way calls in flight on one connection, by request id. Owned by its connection (never
 * shared, never static): a response removes its call, a timeout removes its call, and when the
 * connection closes {@link #failAll} fails every call left with a {@link ErrorCode#NETWORK} error
 * at once. Each call leaves the table exactly once, so its future completes exactly once.
 * Thread-safe.
 */
public final class InFlightTable {

    private final ConcurrentHashMap<Long, PendingCall> calls = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final Timer timer;
    private final String peer;
    private volatile String closedReason;
    private volatile Runnable whenEmpty;

    /**
     * @param timer fires timeouts; owned by the caller
     * @param peer names the other side in error messages
     */
    public InFlightTable(Timer timer, String peer) {
        this.timer = timer;
        this.peer = peer;
    }

    /** A fresh request id, unique on this connection. */
    public long nextId() {
        return nextId.incrementAndGet();
    }

    /**
     * Adds a call, with its encoded request {@code frame}, that fails with {@link ErrorCode#TIMEOUT}
     * unless it leaves the table within its timeout, or within the time left before the call's
     * {@linkplain Invocation#deadlineNanos() deadline} when that is shorter. On a table already failed by {@link #failAll},
     * the call fails at once (its frame is still released when the queue drops it).
     *
     * @throws RuntimeException if the timeout cannot be scheduled (the timer stopped); the call is
     *     then not in the table and the caller still owns {@code frame}
     */
    public PendingCall register(
            long id, Invocation invocation, CallOptions options, CompletableFuture<RpcResult> future, ByteBuf frame) {
        PendingCall call = new PendingCall(id, invocation, options, future, this, frame);
        calls.put(id, call);
        try {
            call.timeout(timer.newTimeout(t -> expire(call), waitNanos(invocation, options), TimeUnit.NANOSECONDS));
        } catch (RuntimeException e) {
            // Without a timeout the call could wait forever: it never enters the table.
            calls.remove(id, call);
            left();
            throw e;
        }
        String reason = closedReason;
        if (reason != null && calls.remove(id, call)) {
            // failAll ran between the check and the put; it may not have seen this call.
            call.cancelTimeout();
            call.fail(ErrorCode.NETWORK, reason);
        }
        return call;
    }

    /** Removes and returns the call answered by a response, or {@code null} if it already left. */
    public PendingCall remove(long id) {
        PendingCall call = calls.remove(id);
        if (call != null) {
            call.cancelTimeout();
            left();
        }
        return call;
    }

    /** Removes {@code call} if it is still in the table; whoever removes it completes it. */
    public boolean remove(PendingCall call) {
        if (calls.remove(call.id(), call)) {
            call.cancelTimeout();
            left();
            return true;
        }
        return false;
    }

    /**
     * Runs {@code action} once the table is empty (now, or when the last call leaves); the
     * connection uses it to close after "going away". The action may run more than once.
     */
    public void whenEmpty(Runnable action) {
        whenEmpty = action;
        left();
    }

    private void left() {
        Runnable action = whenEmpty;
        if (action != null && calls.isEmpty()) {
            action.run();
        }
    }

    /**
     * Fails every call in flight with {@link ErrorCode#NETWORK}, and every call registered later at
     * once: "not executed" for calls whose request never reached the socket, "may have executed" for
     * the others.
     */
    public void failAll(String reason) {
        String message = reason + " (" + peer + ")";
        closedReason = message;
        for (PendingCall call : calls.values()) {
            if (calls.remove(call.id(), call)) {
                call.cancelTimeout();
                call.fail(ErrorCode.NETWORK, message);
            }
        }
    }

    /** Calls in flight now. */
    public int size() {
        return calls.size();
    }

    /** The attempt's timeout, or the time left before the call's deadline when that is shorter. */
    static long waitNanos(Invocation invocation, CallOptions options) {
        long timeout = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
        if (!invocation.hasDeadline()) {
            return timeout;
        }
        return Math.max(0, Math.min(timeout, invocation.remainingNanos(System.nanoTime())));
    }

    private void expire(PendingCall call) {
        if (calls.remove(call.id(), call)) {
            left();
            Invocation invocation = call.invocation();
            boolean deadline = invocation.hasDeadline() && invocation.remainingNanos(System.nanoTime()) <= 0;
            call.fail(
                    ErrorCode.TIMEOUT,
                    "no response from " + peer + " within " + call.options().timeoutMillis() + " ms"
                            + (deadline ? " (cut short by the call's deadline)" : ""));
        }
    }
}
