package io.courier.filter.deadline;

import io.courier.api.ErrorCode;
import io.courier.api.Filter;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.filter.Ticker;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Sends each call's budget: the smallest of the configured budget (by default the reference's
 * timeout), a budget the caller set itself with {@code RpcContext.setAttachment(Deadlines.BUDGET,
 * ...)}, and what is left of the request this thread is serving. A call whose inherited budget is
 * already spent is refused here, with {@code DEADLINE_EXCEEDED}, and never sent.
 *
 * <p>The budget is computed once, when the call enters the chain; retries by the cluster carry the
 * same value, each attempt being limited by its own timeout anyway.
 */
final class ConsumerDeadline implements Filter {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** The configured budget and its text as sent, formatted once: most calls send exactly that. */
    private record Budget(long nanos, String text) {
        static Budget ofMillis(long millis) {
            return new Budget(millis * NANOS_PER_MILLI, Long.toString(millis));
        }
    }

    private volatile Budget configured;

    private final Ticker ticker;

    ConsumerDeadline(long budgetMillis, Ticker ticker) {
        this.configured = Budget.ofMillis(budgetMillis);
        this.ticker = ticker;
    }

    /** Sends {@code budgetMillis} from the next call on (a live timeout changed the reference's). */
    void budgetMillis(long budgetMillis) {
        if (configured.nanos() != budgetMillis * NANOS_PER_MILLI) {
            configured = Budget.ofMillis(budgetMillis);
        }
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        long now = ticker.nanoTime();
        Budget own = configured;
        long budgetNanos = own.nanos();
        long budget = budgetNanos;
        long explicit = Deadlines.parseBudget(invocation.attachment(Deadlines.BUDGET));
        if (explicit >= 0) {
            budget = Math.min(budget, explicit * NANOS_PER_MILLI);
        }
        Map<String, String> served = RpcContext.current().requestAttachments();
        if (!served.isEmpty()) {
            OptionalLong inherited = Deadlines.remainingNanos(served, now);
            if (inherited.isPresent()) {
                if (inherited.getAsLong() <= 0) {
                    return CompletableFuture.failedFuture(new RpcException(
                            ErrorCode.DEADLINE_EXCEEDED,
                            "deadline: the budget of the request being served is spent; " + invocation
                                    + " was not sent"));
                }
                budget = Math.min(budget, inherited.getAsLong());
            }
        }
        if (budget <= 0) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.DEADLINE_EXCEEDED, "deadline: no budget left for " + invocation + "; it was not sent"));
        }
        String text =
                budget == budgetNanos ? own.text() : Long.toString((budget + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI);
        Invocation outgoing = invocation.withAttachment(Deadlines.BUDGET, text);
        if (outgoing.attachment(Deadlines.RECEIVED_NANOS) != null) {
            // Another process's nanoTime means nothing here; never let it leave.
            outgoing = outgoing.withAttachment(Deadlines.RECEIVED_NANOS, null);
        }
        return chain.proceed(outgoing);
    }
}
