package io.courier.cluster.strategy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.RouteKey;
import io.courier.api.internal.CallOutcome;
import io.courier.cluster.internal.SelfPreparing;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Sends a call to one instance at a time, trying another (an instance not tried yet while there is
 * one) after a failure that {@link RetryPolicy} allows, up to {@code maxRetries} extra attempts and
 * within the {@link RetryBudget}. The engine of {@code failover} and {@code failfast} (with no
 * retries). Non-blocking: the next attempt starts from the completion of the previous one.
 *
 * <p>An instance that is leaving is not a failure of the call: when an attempt is refused, "not
 * executed", because its instance announced that it is going away ({@link ErrorCode#GOING_AWAY}) or
 * its invoker was closed as the instance left the directory ({@link ErrorCode#CLOSED}), the call is
 * sent to another instance once without counting as a retry or drawing on the budget, even with no
 * retries. Those refusals come from graceful shutdowns and rolling restarts, where they would
 * otherwise fail calls that never ran anywhere. Likewise a request an instance refused for good,
 * unread ({@link io.courier.api.RetryRule#ONE_OTHER_INSTANCE}: an unknown service or method while a
 * rollout is in progress), goes once to an instance not tried yet, never to the same one again.
 *
 * <p>No further attempt starts once the call's {@linkplain Invocation#deadlineNanos() deadline} has
 * passed: the call fails with the last attempt's failure.
 */
final class RetryingInvoker implements Invoker, SelfPreparing {

    static final String DEADLINE_PASSED = "not retried: the call's deadline has passed";

    private final CandidateSelector selector;
    private final RetryBudget budget;
    private final int maxRetries;
    private final String exhausted;

    /**
     * @param budget the budget retries draw from; {@code null} only when {@code maxRetries} is 0
     * @param exhausted why the call stopped once {@code maxRetries} retries were spent
     */
    RetryingInvoker(CandidateSelector selector, RetryBudget budget, int maxRetries, String exhausted) {
        this.selector = selector;
        this.budget = budget;
        this.maxRetries = maxRetries;
        this.exhausted = exhausted;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation call) {
        Invocation invocation = selector.prepare(call);
        RouteKey key;
        try {
            key = selector.routeKey(invocation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(cannotSelect(e));
        }
        Call result = new Call(invocation, key);
        try {
            if (budget != null) {
                budget.onCall();
            }
            result.attempt();
        } catch (RuntimeException e) {
            // Routing or balancing broke its contract before anything was sent.
            result.completeExceptionally(cannotSelect(e));
        }
        return result;
    }

    private RpcException cannotSelect(RuntimeException e) {
        return new RpcException(
                ErrorCode.UNKNOWN, true, "Cannot select a provider of " + selector.serviceKey() + ": " + e, e);
    }

    /** Whether {@code failure} says the instance is leaving and the call did not run there. */
    private static boolean leaving(RpcException failure) {
        return failure.notExecuted() && failure.code().endpointHealth().leaving();
    }

    /**
     * One call's attempts, and the future its caller holds: one object per call. Each attempt's
     * candidate tells it the outcome directly ({@link Candidate#invoke(Invocation, BiConsumer)}), so
     * the answer that completes the call reaches this future with no stage between; the in-flight
     * count at the head of the chain runs as its one action ({@link CallOutcome}). Attempts are
     * sequential, so the fields need no synchronization.
     */
    private final class Call extends CallOutcome implements BiConsumer<RpcResult, Throwable> {
        private final Invocation invocation;
        private final RouteKey key;
        /** The first attempt's instance. */
        private Candidate first;
        /**
         * Every attempt's instance in order; built on the first failure, so that a call that
         * succeeds at once allocates no list.
         */
        private List<Candidate> tried = List.of();

        private boolean noneExecuted = true;
        /**
         * Attempts that went elsewhere without counting as retries: once because an instance was
         * leaving, once because an instance refused the request for good (0 to 2).
         */
        private int rerouted;

        private boolean reroutedLeaving;
        private boolean reroutedRefusal;

        Call(Invocation invocation, RouteKey key) {
            this.invocation = invocation;
            this.key = key;
        }

        void attempt() {
            attempt(selector.select(key, invocation, tried));
        }

        private void attempt(Candidate selected) {
            Candidate candidate = selected;
            if (candidate == null && !tried.isEmpty()) {
                // Every routed instance has been tried: a retryable failure may still succeed on one.
                candidate = selector.select(key, invocation, List.of());
            }
            if (candidate == null) {
                completeExceptionally(ClusterFailure.noProvider(selector, key));
                return;
            }
            if (first == null) {
                first = candidate;
            } else {
                tried.add(candidate);
            }
            // This call is the attempt's completion action: no lambda per attempt.
            candidate.invoke(invocation, this);
        }

        /** The outcome of the current attempt. */
        @Override
        public void accept(RpcResult answer, Throwable failure) {
            if (failure == null) {
                complete(answer);
            } else {
                onFailure(RpcException.from(failure));
            }
        }

        /** Takes one retry from the allowance, or says why there is none left. */
        private String spendRetry() {
            if (tried.size() - rerouted > maxRetries) {
                return exhausted;
            }
            if (!budget.tryRetry()) {
                return "not retried: the retry budget of this reference is spent";
            }
            return null;
        }

        private void onFailure(RpcException failure) {
            if (tried.isEmpty()) {
                tried = new ArrayList<>(Math.min(maxRetries, 8) + 1);
                tried.add(first);
            }
            noneExecuted &= failure.notExecuted();
            RetryPolicy.Verdict verdict = RetryPolicy.verdict(failure, invocation.method());
            String stop = null;
            Candidate elsewhere = null;
            if (verdict == RetryPolicy.Verdict.ELSEWHERE_ONCE) {
                // Never the instance that refused it: only one not tried yet, and only once.
                elsewhere = reroutedRefusal ? null : selector.select(key, invocation, tried);
                if (elsewhere == null) {
                    stop = verdict.reason();
                } else {
                    reroutedRefusal = true;
                    rerouted++;
                }
            } else if (verdict != RetryPolicy.Verdict.RETRY) {
                stop = verdict.reason();
            } else if (!reroutedLeaving && leaving(failure)) {
                reroutedLeaving = true;
                rerouted++;
            } else {
                stop = spendRetry();
            }
            if (stop == null && invocation.remainingNanos(System.nanoTime()) <= 0) {
                // The caller has stopped waiting: another attempt could only run the call for nobody.
                stop = DEADLINE_PASSED;
            }
            if (stop != null) {
                completeExceptionally(ClusterFailure.gaveUp(selector, key, tried, failure, noneExecuted, stop));
                return;
            }
            try {
                if (elsewhere != null) {
                    attempt(elsewhere);
                } else {
                    attempt();
                }
            } catch (RuntimeException e) {
                completeExceptionally(ClusterFailure.gaveUp(
                        selector,
                        key,
                        tried,
                        failure,
                        noneExecuted,
                        "no retry: selecting a provider failed with " + e));
            }
        }
    }
}
