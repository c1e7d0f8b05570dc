package io.courier.filter.deadline;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.time.Ticker;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Sends each call's budget: the smallest of the configured budget (by default the reference's
 * timeout), a budget the caller set itself with {@code RpcContext.setAttachment(Deadlines.BUDGET,
 * ...)}, and what is left of the request this thread is serving. A call whose inherited budget is
 * already spent is refused here, with {@code DEADLINE_EXCEEDED}, and never sent.
 *
 * <p>The budget is computed once, when the call enters the chain, and sent; retries send the budget
 * computed here. When something bounds the whole call (a configured {@code deadline.budget-millis},
 * the caller's own budget, the served request's, or a deadline the call already carries) it is also
 * set on the call as its typed deadline ({@link Invocation#withDeadlineNanos}): the transport waits
 * for each attempt no longer than the time left, and the cluster stops retrying once it has passed.
 * A budget that is only the reference's timeout is a timeout per attempt, as it always was: a retry
 * after a timed-out attempt gets a whole timeout again. A deadline is never extended.
 */
final class ConsumerDeadline implements Filter {

    private static final long NANOS_PER_MILLI = 1_000_000L;

    /**
     * The configured budget, its text as sent and the attachments of a call that has none of its own
     * and sends it, made once: most calls send exactly that, and take that map without a copy.
     */
    private record Budget(long nanos, String text, Map<String, String> sent) {
        static Budget ofMillis(long millis) {
            String text = Long.toString(millis);
            return new Budget(millis * NANOS_PER_MILLI, text, Map.of(Deadlines.BUDGET, text));
        }
    }

    private volatile Budget configured;

    private final Ticker ticker;
    /** Whether the configured budget bounds the whole call (set explicitly), not each attempt. */
    private final boolean wholeCall;

    /**
     * @param wholeCall whether {@code budgetMillis} was configured for the call as a whole; if not it
     *     is the reference's timeout, which bounds each attempt
     */
    ConsumerDeadline(long budgetMillis, boolean wholeCall, Ticker ticker) {
        this.configured = Budget.ofMillis(budgetMillis);
        this.wholeCall = wholeCall;
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
        if (invocation.hasDeadline()) {
            budget = Math.min(budget, invocation.remainingNanos(systemNanos(now)));
        }
        RpcContext served = RpcContext.current();
        if (served.hasRequestDeadline() || !served.requestAttachments().isEmpty()) {
            // The served request's typed deadline is on System.nanoTime()'s scale; a context installed
            // from attachments alone says it as text, measured with the ticker.
            OptionalLong inherited = served.hasRequestDeadline()
                    ? OptionalLong.of(served.requestRemainingNanos(systemNanos(now)))
                    : Deadlines.remainingNanos(served.requestAttachments(), now);
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
        // The typed deadline is on System.nanoTime()'s scale whatever ticker measures the budget:
        // the transport and the cluster compare it with that clock.
        boolean none = invocation.attachments().isEmpty();
        Invocation outgoing = none && budget == budgetNanos
                ? invocation.withAttachments(own.sent())
                : invocation.withAttachment(Deadlines.BUDGET, text);
        if (wholeCall || budget < budgetNanos) {
            outgoing = outgoing.withDeadlineNanos(systemNanos(now) + budget);
        }
        if (!none && outgoing.attachments().containsKey(Deadlines.RECEIVED_NANOS)) {
            // Another process's nanoTime means nothing here; never let it leave.
            outgoing = outgoing.withAttachment(Deadlines.RECEIVED_NANOS, null);
        }
        return chain.proceed(outgoing);
    }

    /** {@code now}, read from {@code ticker}, as a {@link System#nanoTime()} value. */
    private long systemNanos(long now) {
        return ticker == Ticker.SYSTEM ? now : System.nanoTime();
    }
}
