package io.courier.filter.deadline;

import io.courier.api.ErrorCode;
import io.courier.api.Filter;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.filter.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Refuses, with {@code DEADLINE_EXCEEDED} and without running it, a request whose budget was spent
 * before it got here (typically while it waited in the server executor's queue), and stamps the
 * receive time on the call so that what the implementation calls inherits the rest.
 */
final class ProviderDeadline implements Filter {

    private final Ticker ticker;

    ProviderDeadline(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
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
        long elapsedNanos = now - received;
        if (elapsedNanos >= TimeUnit.MILLISECONDS.toNanos(budgetMillis)) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.DEADLINE_EXCEEDED,
                    "deadline: the caller's budget of " + budgetMillis + " ms was spent ("
                            + TimeUnit.NANOSECONDS.toMillis(elapsedNanos) + " ms since it arrived) before "
                            + invocation + " could start; it did not run"));
        }
        return chain.proceed(
                stamped ? invocation : invocation.withAttachment(Deadlines.RECEIVED_NANOS, Long.toString(now)));
    }
}
