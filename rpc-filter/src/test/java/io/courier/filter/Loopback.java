package io.courier.filter;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.internal.Budgets;
import io.courier.filter.deadline.Deadlines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Stands in for transport and server executor between a consumer chain and a provider chain: the
 * request is stamped with its receive time and given its typed deadline as the transport's decoding
 * would, then served on {@code
 * executor}, so nothing thread-local crosses from consumer to provider; only attachments do.
 */
public final class Loopback implements Invoker {

    private final ExecutorService executor;
    private final Invoker provider;
    private final LongSupplier nanoClock;

    public Loopback(ExecutorService executor, Invoker provider, LongSupplier nanoClock) {
        this.executor = executor;
        this.provider = provider;
        this.nanoClock = nanoClock;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        long now = nanoClock.getAsLong();
        Invocation stamped = invocation.withAttachment(Deadlines.RECEIVED_NANOS, Long.toString(now));
        // As the transport's decoding does: the typed deadline from the budget and the receive time,
        // and nothing of the consumer's own typed deadline (it does not cross the wire).
        long budgetMillis = Budgets.parseMillis(invocation.attachment(Deadlines.BUDGET));
        Invocation received = budgetMillis < 0
                ? Invocation.of(stamped.serviceKey(), stamped.method(), stamped.arguments(), stamped.attachments())
                : stamped.withDeadlineNanos(now + TimeUnit.MILLISECONDS.toNanos(budgetMillis));
        CompletableFuture<RpcResult> answer = new CompletableFuture<>();
        try {
            executor.execute(() -> provider.invoke(received).whenComplete((result, failure) -> {
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(result);
                }
            }));
        } catch (RejectedExecutionException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }
}
