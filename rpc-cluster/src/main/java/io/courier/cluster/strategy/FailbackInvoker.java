package io.courier.cluster.strategy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.RouteKey;
import io.courier.cluster.internal.SelfPreparing;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The invoker of {@link FailbackCluster} for one reference, owning its bounded retry queue. */
final class FailbackInvoker implements Invoker, SelfPreparing {

    private static final Logger log = LoggerFactory.getLogger(FailbackInvoker.class);

    private final CandidateSelector selector;
    private final Scheduler scheduler;
    private final int capacity;
    /** Calls waiting for, or in, a background retry. */
    private final AtomicInteger queued = new AtomicInteger();

    FailbackInvoker(CandidateSelector selector, Scheduler scheduler, int capacity) {
        this.selector = selector;
        this.scheduler = scheduler;
        this.capacity = capacity;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation call) {
        Invocation invocation = selector.prepare(call);
        RouteKey key;
        Candidate candidate;
        try {
            key = selector.routeKey(invocation);
            candidate = selector.select(key, invocation, List.of());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.UNKNOWN, true, "Cannot select a provider of " + selector.serviceKey() + ": " + e, e));
        }
        if (candidate == null) {
            onFailure(invocation, key, null, ClusterFailure.noProvider(selector, key));
            return CompletableFuture.completedFuture(EmptyResult.of(invocation.method()));
        }
        return Invoker.invokeSafely(candidate.invoker(), invocation).handle((answer, failure) -> {
            if (failure == null) {
                return answer;
            }
            onFailure(invocation, key, candidate, RpcException.from(failure));
            return EmptyResult.of(invocation.method());
        });
    }

    private void onFailure(Invocation invocation, RouteKey key, Candidate failed, RpcException failure) {
        List<Candidate> tried = failed == null ? List.of() : List.of(failed);
        RetryPolicy.Verdict verdict = RetryPolicy.verdict(failure, invocation.method());
        if (verdict != RetryPolicy.Verdict.RETRY) {
            log.warn(
                    "failback: answering an empty result; {}",
                    ClusterFailure.gaveUp(selector, key, tried, failure, failure.notExecuted(), verdict.reason())
                            .getMessage());
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            log.warn(
                    "failback: answering an empty result and dropping the call, the retry queue is full; {}",
                    ClusterFailure.gaveUp(
                                    selector,
                                    key,
                                    tried,
                                    failure,
                                    failure.notExecuted(),
                                    "retry queue full (" + capacity + " calls)")
                            .getMessage());
            return;
        }
        scheduler.schedule(() -> retry(invocation, key, failed, 1), FailbackCluster.FIRST_DELAY_MILLIS);
    }

    private void retry(Invocation invocation, RouteKey key, Candidate failed, int retry) {
        Candidate candidate = failed == null ? null : selector.select(key, invocation, List.of(failed));
        if (candidate == null) {
            candidate = selector.select(key, invocation, List.of());
        }
        if (candidate == null) {
            afterRetryFailure(invocation, key, failed, retry, ClusterFailure.noProvider(selector, key));
            return;
        }
        Candidate target = candidate;
        target.invoke(invocation, (answer, failure) -> {
            if (failure == null) {
                queued.decrementAndGet();
                log.debug("failback: {} succeeded on retry {} on {}", invocation, retry, target);
            } else {
                afterRetryFailure(invocation, key, target, retry, RpcException.from(failure));
            }
        });
    }

    private void afterRetryFailure(
            Invocation invocation, RouteKey key, Candidate failed, int retry, RpcException failure) {
        RetryPolicy.Verdict verdict = RetryPolicy.verdict(failure, invocation.method());
        if (verdict == RetryPolicy.Verdict.RETRY && retry < FailbackCluster.MAX_RETRIES) {
            long delay = FailbackCluster.FIRST_DELAY_MILLIS << retry;
            scheduler.schedule(() -> retry(invocation, key, failed, retry + 1), delay);
            return;
        }
        queued.decrementAndGet();
        String reason = verdict != RetryPolicy.Verdict.RETRY
                ? verdict.reason()
                : "gave up after " + FailbackCluster.MAX_RETRIES + " background retries";
        List<Candidate> tried = failed == null ? List.of() : List.of(failed);
        log.warn(
                "failback: dropping the call; {}",
                ClusterFailure.gaveUp(selector, key, tried, failure, failure.notExecuted(), reason)
                        .getMessage());
    }
}
