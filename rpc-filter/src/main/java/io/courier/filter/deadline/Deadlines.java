package io.courier.filter.deadline;

import io.courier.api.RpcContext;
import io.courier.api.internal.Budgets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The attachments that carry a call's time budget, and what business code can learn from them.
 *
 * <pre>
 * courier.deadline-ms     on the wire: the budget left when the consumer sent the call, in whole
 *                         milliseconds, rounded up (decimal digits)
 * courier.received-nanos  local only: System.nanoTime() when this process received the request;
 *                         set by the transport when it decodes the request, so that the served
 *                         request's context (and the calls made while serving it) know it; never sent
 * </pre>
 *
 * The transport also turns the budget into the request's typed deadline when it decodes it
 * ({@code Invocation.deadlineNanos()} = receive time + budget), which the provider's deadline filter
 * checks, and hands it to the served request's context ({@code RpcContext.requestRemainingNanos}):
 * the readers here take that typed value, and parse the text ({@code deadline-ms} minus the time
 * since {@code received-nanos}) only for a context installed from attachments alone.
 */
public final class Deadlines {

    /** The wire attachment with the remaining budget in milliseconds. */
    public static final String BUDGET = Budgets.ATTACHMENT;

    /** The local attachment with the {@link System#nanoTime()} at which the request was received. */
    public static final String RECEIVED_NANOS = RpcContext.RECEIVED_NANOS;

    /** The largest budget honoured, one day; larger values are treated as one day. */
    static final long MAX_BUDGET_MILLIS = Budgets.MAX_MILLIS;

    private Deadlines() {}

    /**
     * What is left of the budget of the request this thread is serving, in milliseconds (negative
     * once spent), or empty when the thread serves no request or the request carried no budget.
     */
    public static OptionalLong remainingMillis() {
        OptionalLong nanos = remainingNanos(RpcContext.current(), System.nanoTime());
        return nanos.isPresent() ? OptionalLong.of(Math.floorDiv(nanos.getAsLong(), 1_000_000L)) : OptionalLong.empty();
    }

    /**
     * What is left at {@code systemNanos} (a {@link System#nanoTime()} value) of the budget of the
     * request {@code context} serves, in nanoseconds: its typed deadline's, else what its attachments
     * say; empty when it serves none or the request carried no budget.
     */
    static OptionalLong remainingNanos(RpcContext context, long systemNanos) {
        if (context.hasRequestDeadline()) {
            return OptionalLong.of(context.requestRemainingNanos(systemNanos));
        }
        Map<String, String> attachments = context.requestAttachments();
        return attachments.isEmpty() ? OptionalLong.empty() : remainingNanos(attachments, systemNanos);
    }

    /**
     * What is left at {@code nowNanos} of the budget in a served request's {@code attachments}, in
     * nanoseconds; the whole budget when the receive time is missing.
     */
    static OptionalLong remainingNanos(Map<String, String> attachments, long nowNanos) {
        long budgetMillis = parseBudget(attachments.get(BUDGET));
        if (budgetMillis < 0) {
            return OptionalLong.empty();
        }
        long budgetNanos = TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        long receivedNanos = parseSigned(attachments.get(RECEIVED_NANOS));
        if (receivedNanos == Long.MIN_VALUE) {
            return OptionalLong.of(budgetNanos);
        }
        long elapsed = Math.max(0, nowNanos - receivedNanos);
        return OptionalLong.of(budgetNanos - elapsed);
    }

    /** A budget in milliseconds (capped at one day), or -1 if {@code text} is not a decimal number. */
    static long parseBudget(String text) {
        return Budgets.parseMillis(text);
    }

    /** A signed decimal long, or {@link Long#MIN_VALUE} if {@code text} is not one. */
    static long parseSigned(String text) {
        return Budgets.parseSigned(text);
    }
}
