package io.courier.filter.deadline;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.time.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Refuses, with {@code DEADLINE_EXCEEDED} and without running it, a request whose deadline passed
 * before it got here (typically while it waited in the server executor's queue).
 *
 * <p>The deadline is the request's typed one ({@link Invocation#deadlineNanos()}), which the
 * transport set once when it decoded the request, from the budget on the wire and the time its frame
 * was read (it also stamped that time as an attachment, which the served request's context carries
 * to the calls the implementation makes). A call without both did not come through the transport (a
 * provider chain invoked in process): its budget counts from the receive-time stamp if it has one,
 * else from now, and the stamp is added so that what the implementation calls inherits the rest.
 */
final class ProviderDeadline implements Filter {

    private final Ticker ticker;

    ProviderDeadline(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        // The transport sets both when it decodes a request with a budget; a typed deadline without
        // the stamp is a consumer's own, on a provider chain invoked in process.
        if (invocation.hasDeadline() && invocation.attachments().containsKey(Deadlines.RECEIVED_NANOS)) {
            // On System.nanoTime()'s scale, as the transport stamped it.
            long left = invocation.remainingNanos(System.nanoTime());
            return left > 0 ? chain.proceed(invocation) : refuse(invocation, left);
        }
        return withoutTransport(invocation, chain);
    }

    private CompletableFuture<RpcResult> refuse(Invocation invocation, long leftNanos) {
        long budgetMillis = Deadlines.parseBudget(invocation.attachment(Deadlines.BUDGET));
        String spent = budgetMillis < 0
                ? "the call's deadline passed " + TimeUnit.NANOSECONDS.toMillis(-leftNanos) + " ms"
                : "the caller's budget of " + budgetMillis + " ms was spent ("
                        + TimeUnit.NANOSECONDS.toMillis(TimeUnit.MILLISECONDS.toNanos(budgetMillis) - leftNanos)
                        + " ms since it arrived)";
        return CompletableFuture.failedFuture(new RpcException(
                ErrorCode.DEADLINE_EXCEEDED,
                "deadline: " + spent + " before " + invocation + " could start; it did not run"));
    }

    /** A call with a budget attachment but no typed deadline: one not decoded by the transport. */
    private CompletableFuture<RpcResult> withoutTransport(Invocation invocation, Chain chain) {
        long budgetMillis = Deadlines.parseBudget(invocation.attachment(Deadlines.BUDGET));
        if (budgetMillis < 0) {
            return chain.proceed(invocation);
        }
        long now = ticker.nanoTime();
        String stamp = invocation.attachment(Deadlines.RECEIVED_NANOS);
        long received = stamp == null ? Long.MIN_VALUE : Deadlines.parseSigned(stamp);
        boolean stamped = received != Long.MIN_VALUE && received - now <= 0;
        if (!stamped) {
            received = now;
        }
        long left = TimeUnit.MILLISECONDS.toNanos(budgetMillis) - (now - received);
        if (left <= 0) {
            return refuse(invocation, left);
        }
        return chain.proceed(
                stamped ? invocation : invocation.withAttachment(Deadlines.RECEIVED_NANOS, Long.toString(now)));
    }
}
