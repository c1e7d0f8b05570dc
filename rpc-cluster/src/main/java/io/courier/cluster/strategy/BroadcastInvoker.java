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

/** The invoker of {@link BroadcastCluster}: every routed instance, all must succeed. */
final class BroadcastInvoker implements Invoker, SelfPreparing {

    private final CandidateSelector selector;

    BroadcastInvoker(CandidateSelector selector) {
        this.selector = selector;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation call) {
        Invocation invocation = selector.prepare(call);
        RouteKey key;
        List<Candidate> targets;
        try {
            key = selector.routeKey(invocation);
            targets = selector.route(key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.UNKNOWN, true, "Cannot route a call of " + selector.serviceKey() + ": " + e, e));
        }
        if (targets.isEmpty()) {
            return CompletableFuture.failedFuture(ClusterFailure.noProvider(selector, key));
        }
        Object[] outcomes = new Object[targets.size()];
        CompletableFuture<?>[] attempts = new CompletableFuture<?>[targets.size()];
        for (int i = 0; i < attempts.length; i++) {
            int index = i;
            attempts[i] = Invoker.invokeSafely(targets.get(i).invoker(), invocation)
                    .handle((answer, failure) ->
                            outcomes[index] = failure == null ? answer : RpcException.from(failure));
        }
        CompletableFuture<RpcResult> result = new CompletableFuture<>();
        // allOf completes after every handler has stored its outcome, which it then sees.
        CompletableFuture.allOf(attempts).whenComplete((done, never) -> conclude(key, targets, outcomes, result));
        return result;
    }

    private void conclude(
            RouteKey key, List<Candidate> targets, Object[] outcomes, CompletableFuture<RpcResult> result) {
        List<Candidate> failed = new ArrayList<>();
        RpcException last = null;
        boolean noneExecuted = true;
        RpcResult first = null;
        RpcResult firstException = null;
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] instanceof RpcException failure) {
                failed.add(targets.get(i));
                last = failure;
                noneExecuted &= failure.notExecuted();
            } else {
                RpcResult answer = (RpcResult) outcomes[i];
                noneExecuted = false;
                if (first == null) {
                    first = answer;
                }
                if (firstException == null && answer.hasException()) {
                    firstException = answer;
                }
            }
        }
        if (last != null) {
            result.completeExceptionally(ClusterFailure.gaveUp(
                    selector,
                    key,
                    failed,
                    last,
                    noneExecuted,
                    "broadcast to " + targets.size() + " instances; " + failed.size() + " failed"));
        } else {
            result.complete(firstException != null ? firstException : first);
        }
    }
}
