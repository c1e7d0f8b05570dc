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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The invoker of {@link ForkingCluster}: first answer of N parallel attempts. */
final class ForkingInvoker implements Invoker, SelfPreparing {

    private final CandidateSelector selector;
    private final int forks;
    private final Invoker single;

    ForkingInvoker(CandidateSelector selector, int forks, Invoker single) {
        this.selector = selector;
        this.forks = forks;
        this.single = single;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation call) {
        Invocation invocation = selector.prepare(call);
        if (!invocation.method().idempotent()) {
            return single.invoke(invocation);
        }
        RouteKey key;
        List<Candidate> chosen = new ArrayList<>(forks);
        try {
            key = selector.routeKey(invocation);
            for (int i = 0; i < forks; i++) {
                Candidate candidate = selector.select(key, invocation, chosen);
                if (candidate == null) {
                    break;
                }
                chosen.add(candidate);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.UNKNOWN, true, "Cannot select a provider of " + selector.serviceKey() + ": " + e, e));
        }
        if (chosen.isEmpty()) {
            return CompletableFuture.failedFuture(ClusterFailure.noProvider(selector, key));
        }
        Race race = new Race(key, List.copyOf(chosen));
        for (Candidate candidate : race.forks) {
            candidate.invoke(invocation, (answer, failure) -> {
                if (failure == null) {
                    race.result.complete(answer);
                } else {
                    race.failed(RpcException.from(failure));
                }
            });
        }
        return race.result;
    }

    private final class Race {
        final RouteKey key;
        final List<Candidate> forks;
        final CompletableFuture<RpcResult> result = new CompletableFuture<>();
        /** Guarded by this. */
        private int failures;
        /** Guarded by this. */
        private boolean noneExecuted = true;

        Race(RouteKey key, List<Candidate> forks) {
            this.key = key;
            this.forks = forks;
        }

        void failed(RpcException failure) {
            boolean last;
            boolean executed;
            synchronized (this) {
                noneExecuted &= failure.notExecuted();
                last = ++failures == forks.size();
                executed = !noneExecuted;
            }
            if (last) {
                result.completeExceptionally(ClusterFailure.gaveUp(
                        selector, key, forks, failure, !executed, "every one of " + forks.size() + " forks failed"));
            }
        }
    }
}
