package io.courier.transport.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.netty.buffer.ByteBuf;
import io.netty.util.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The two-way calls in flight on one connection, by request id. Owned by its connection (never
 * shared, never static): a response removes its call, a timeout removes its call, and when the
 * connection closes {@link #failAll} fails every call left with a {@link ErrorCode#NETWORK} error
 * at once. Each call leaves the table exactly once, so its future completes exactly once.
 * Thread-safe.
 *
 * <p><b>Timeouts: one sweep per connection, not a timer entry per call.</b> Each call carries the
 * instant it is due; the table keeps one timer entry, at the earliest instant due, and the sweep it
 * runs fails every call past due and sets the next entry. A call due no earlier than that entry
 * (the common case: calls share a timeout, so a later call is due later) costs no timer operation
 * at all, and neither does its response. Before, each call scheduled and cancelled its own entry: an
 * allocation and two queue operations on the timer per call. A timeout fires at most one timer
 * tick late, as before.
 *
 * <p>The calls are kept in {@link CallSlots}: a slot per request id modulo 256, a compare-and-set
 * each way, instead of a hash map's boxing, node and striped size count on every call.
 */
public final class InFlightTable {

    private final CallSlots calls = new CallSlots();
    private final AtomicLong nextId = new AtomicLong();
    private final Timer timer;
    private final String peer;
    private volatile String closedReason;
    private volatile Runnable whenEmpty;
    /** When the one pending sweep runs ({@link System#nanoTime()}), or {@link #NO_SWEEP}. */
    private final AtomicLong sweepAt = new AtomicLong(NO_SWEEP);

    private static final long NO_SWEEP = Long.MAX_VALUE;

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
     * {@linkplain Invocation#deadlineNanos() deadline} when that is shorter; {@code whenDone} hears the outcome, once.
     * On a table already failed by {@link #failAll}, the call fails at once (its frame is still released when the
     * queue drops it).
     *
     * @throws RuntimeException if the timeout cannot be scheduled (the timer stopped); the call is
     *     then not in the table and the caller still owns {@code frame}
     */
    public PendingCall register(
            long id,
            Invocation invocation,
            CallOptions options,
            BiConsumer<RpcResult, Throwable> whenDone,
            ByteBuf frame) {
        long now = System.nanoTime();
        PendingCall call = new PendingCall(
                id, invocation, options, whenDone, this, frame, now + waitNanos(invocation, options, now));
        calls.put(call);
        try {
            sweepBy(call.dueNanos(), now);
        } catch (RuntimeException e) {
            // Without a sweep the call could wait forever: it never enters the table.
            calls.remove(call);
            left();
            throw e;
        }
        String reason = closedReason;
        if (reason != null && calls.remove(call)) {
            // failAll ran between the check and the put; it may not have seen this call.
            call.fail(ErrorCode.NETWORK, reason);
        }
        return call;
    }

    /**
     * Makes sure a sweep runs no later than {@code due}: schedules one when none is pending or the
     * pending one is later. Several entries may be pending for a moment; each sweep is harmless.
     */
    private void sweepBy(long due, long now) {
        long pending = sweepAt.get();
        while (due - pending < 0 || pending == NO_SWEEP) {
            if (sweepAt.compareAndSet(pending, due)) {
                try {
                    timer.newTimeout(t -> sweep(), Math.max(0, due - now), TimeUnit.NANOSECONDS);
                } catch (RuntimeException e) {
                    sweepAt.compareAndSet(due, pending);
                    throw e;
                }
                return;
            }
            pending = sweepAt.get();
        }
    }

    /** Fails the calls past due, then schedules the sweep for the earliest call left. */
    private void sweep() {
        sweepAt.set(NO_SWEEP);
        long now = System.nanoTime();
        long earliest = NO_SWEEP;
        for (PendingCall call : calls.calls()) {
            long due = call.dueNanos();
            if (due - now <= 0) {
                expire(call);
            } else if (earliest == NO_SWEEP || due - earliest < 0) {
                earliest = due;
            }
        }
        if (earliest != NO_SWEEP) {
            try {
                sweepBy(earliest, now);
            } catch (RuntimeException e) {
                // The timer stopped: the client is closing and fails its connections' calls itself.
            }
        }
    }

    /** Removes and returns the call answered by a response, or {@code null} if it already left. */
    public PendingCall remove(long id) {
        PendingCall call = calls.remove(id);
        if (call != null) {
            left();
        }
        return call;
    }

    /** Removes {@code call} if it is still in the table; whoever removes it completes it. */
    public boolean remove(PendingCall call) {
        if (calls.remove(call)) {
            left();
            return true;
        }
        return false;
    }

    /** Whether {@code call} is still in the table: no response, timeout, cancel or close has taken it out. */
    boolean contains(PendingCall call) {
        return calls.contains(call);
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
        for (PendingCall call : calls.calls()) {
            if (calls.remove(call)) {
                call.fail(ErrorCode.NETWORK, message);
            }
        }
    }

    /** Calls in flight now. */
    public int size() {
        return calls.size();
    }

    /** The attempt's timeout, or the time left before the call's deadline when that is shorter. */
    static long waitNanos(Invocation invocation, CallOptions options, long now) {
        long timeout = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
        if (!invocation.hasDeadline()) {
            return timeout;
        }
        return Math.max(0, Math.min(timeout, invocation.remainingNanos(now)));
    }

    private void expire(PendingCall call) {
        if (calls.remove(call)) {
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
