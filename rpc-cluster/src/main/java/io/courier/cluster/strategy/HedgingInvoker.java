package io.courier.cluster.strategy;

import io.courier.api.DynamicConfig;
import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.RouteKey;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.internal.RoutingSelector;
import io.courier.cluster.internal.SelfPreparing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The invoker of {@link HedgingCluster}: one attempt, a second to another instance after the
 * method's hedging delay while the budget allows, the first answer wins and the other attempt is
 * cancelled. Non-blocking: the delay is a scheduled task, attempts complete on the transport's
 * threads.
 */
final class HedgingInvoker implements Invoker, SelfPreparing {

    private final CandidateSelector selector;
    private final Invoker single;
    private final Ticker ticker;
    private final Scheduler scheduler;
    private final ClusterOptions options;
    private final ConcurrentHashMap<MethodDescriptor, LatencyWindow> windows = new ConcurrentHashMap<>();
    private final LongAdder hedges = new LongAdder();
    private final LongAdder cancelled = new LongAdder();

    /** The policy in force and the budget of its cap; replaced together when the configuration changes. */
    private volatile State state;

    private record State(HedgingPolicy policy, RetryBudget budget) {}

    HedgingInvoker(CandidateSelector selector, Invoker single, Ticker ticker, Scheduler scheduler) {
        this.selector = selector;
        this.single = single;
        this.ticker = ticker;
        this.scheduler = scheduler;
        this.options =
                selector instanceof RoutingSelector routing ? routing.clusterOptions() : ClusterOptions.defaults();
        HedgingPolicy policy = HedgingPolicy.of(options, limits());
        this.state = new State(policy, budget(policy.budgetPercent));
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation call) {
        Invocation invocation = selector.prepare(call);
        MethodDescriptor method = invocation.method();
        if (!method.idempotent()) {
            return single.invoke(invocation);
        }
        State current = state();
        RouteKey key;
        Candidate first;
        try {
            key = selector.routeKey(invocation);
            first = selector.select(key, invocation, List.of());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.UNKNOWN, true, "Cannot select a provider of " + selector.serviceKey() + ": " + e, e));
        }
        if (first == null) {
            return CompletableFuture.failedFuture(ClusterFailure.noProvider(selector, key));
        }
        LatencyWindow window = windows.computeIfAbsent(method, m -> new LatencyWindow());
        current.budget.onCall();
        Race race = new Race(invocation, key, window, current.budget, first);
        race.send(first, 0);
        long delay = current.policy.delayNanos(method, window);
        if (delay >= 0 && !race.result.isDone()) {
            // Millisecond timer: rounded up, so a hedge never leaves before the delay.
            scheduler.schedule(race::hedgeOnTime, Math.max(1, (delay + 999_999) / 1_000_000));
        }
        return race.result;
    }

    /** Second attempts sent so far. */
    long hedges() {
        return hedges.sum();
    }

    /** Attempts cancelled because the other attempt of their call answered first. */
    long cancelled() {
        return cancelled.sum();
    }

    private State state() {
        State current = state;
        Map<String, String> limits = limits();
        if (limits == current.policy.source) {
            return current;
        }
        synchronized (this) {
            current = state;
            if (limits != current.policy.source) {
                HedgingPolicy policy = HedgingPolicy.of(options, limits);
                RetryBudget budget = policy.budgetPercent == current.policy.budgetPercent
                        ? current.budget
                        : budget(policy.budgetPercent);
                current = new State(policy, budget);
                state = current;
            }
            return current;
        }
    }

    private Map<String, String> limits() {
        DynamicConfig config = selector instanceof RoutingSelector routing ? routing.config() : DynamicConfig.EMPTY;
        return config.limits();
    }

    /** No floor: a hedge is extra load, only ever a share of the calls. */
    private RetryBudget budget(int percent) {
        return new RetryBudget(ticker, percent, 0);
    }

    /** One call's attempts (at most two). */
    private final class Race {
        final CompletableFuture<RpcResult> result = new CompletableFuture<>();
        private final Invocation invocation;
        private final RouteKey key;
        private final LatencyWindow window;
        private final RetryBudget budget;
        private final Candidate first;
        private final CompletableFuture<?>[] attempts = new CompletableFuture<?>[2];
        /** Guarded by this: attempts sent or reserved and not yet ended. */
        private int outstanding;
        /** Guarded by this: whether the second attempt was taken (sent, or being sent). */
        private boolean hedged;
        /** Guarded by this. */
        private boolean noneExecuted = true;
        /** Guarded by this. */
        private RpcException lastFailure;

        private volatile Candidate second;

        Race(Invocation invocation, RouteKey key, LatencyWindow window, RetryBudget budget, Candidate first) {
            this.invocation = invocation;
            this.key = key;
            this.window = window;
            this.budget = budget;
            this.first = first;
            this.outstanding = 1;
        }

        /** Sends attempt {@code index} (its slot in {@link #outstanding} already taken) to {@code candidate}. */
        void send(Candidate candidate, int index) {
            long start = ticker.nanoTime();
            CompletableFuture<RpcResult> attempt = Invoker.invokeSafely(candidate.invoker(), invocation);
            synchronized (this) {
                attempts[index] = attempt;
            }
            if (result.isDone() && !attempt.isDone()) {
                // The other attempt answered while this one was being sent.
                cancel(attempt);
            }
            attempt.whenComplete((answer, failure) -> onOutcome(start, answer, failure));
        }

        /** The delay has passed without an answer. */
        void hedgeOnTime() {
            if (result.isDone() || invocation.remainingNanos(System.nanoTime()) <= 0) {
                return;
            }
            synchronized (this) {
                if (hedged || outstanding == 0) {
                    return;
                }
                hedged = true;
                outstanding++;
            }
            if (!trySecond()) {
                ended();
            }
        }

        /** Sends the second attempt, its slot taken; {@code false} when there is no instance or no budget for it. */
        private boolean trySecond() {
            Candidate other;
            try {
                other = selector.select(key, invocation, List.of(first));
            } catch (RuntimeException e) {
                return false;
            }
            if (other == null || other == first || !budget.tryRetry()) {
                return false;
            }
            second = other;
            hedges.increment();
            send(other, 1);
            return true;
        }

        private void onOutcome(long start, RpcResult answer, Throwable failure) {
            if (failure == null) {
                if (result.complete(answer)) {
                    window.record(ticker.nanoTime() - start);
                    cancelLosers();
                }
                ended();
                return;
            }
            Throwable cause = RpcException.unwrap(failure);
            if (cause instanceof CancellationException) {
                ended();
                return;
            }
            RpcException error = RpcException.from(cause);
            boolean retryNow = false;
            synchronized (this) {
                noneExecuted &= error.notExecuted();
                lastFailure = error;
                if (outstanding == 1
                        && !hedged
                        && RetryPolicy.verdict(error, invocation.method()) == RetryPolicy.Verdict.RETRY
                        && invocation.remainingNanos(System.nanoTime()) > 0) {
                    // The only attempt failed before the delay: the second goes out now, in its place.
                    hedged = true;
                    retryNow = true;
                }
            }
            // A second attempt sent now takes the failed one's slot.
            if (!retryNow || !trySecond()) {
                ended();
            }
        }

        /** An attempt (or a reserved slot) ended; the last one ends a call nobody answered with its failure. */
        private void ended() {
            RpcException failure;
            boolean executed;
            synchronized (this) {
                if (outstanding > 0 && --outstanding > 0) {
                    return;
                }
                failure = lastFailure;
                executed = !noneExecuted;
            }
            if (failure != null && !result.isDone()) {
                Candidate other = second;
                List<Candidate> tried = other == null ? List.of(first) : List.of(first, other);
                result.completeExceptionally(ClusterFailure.gaveUp(
                        selector, key, tried, failure, !executed, "no attempt of the hedged call answered"));
            }
        }

        private void cancelLosers() {
            CompletableFuture<?>[] sent;
            synchronized (this) {
                sent = attempts.clone();
            }
            for (CompletableFuture<?> attempt : sent) {
                if (attempt != null && !attempt.isDone()) {
                    cancel(attempt);
                }
            }
        }

        private void cancel(CompletableFuture<?> attempt) {
            if (attempt.cancel(false)) {
                cancelled.increment();
            }
        }
    }
}
