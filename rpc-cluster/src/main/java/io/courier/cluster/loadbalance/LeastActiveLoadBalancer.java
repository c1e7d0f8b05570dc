package io.courier.cluster.loadbalance;

import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import java.util.Collection;
import java.util.List;

/**
 * {@code leastactive}: the candidate with the fewest calls in flight; among equals, one chosen at
 * random by weight. A slow or stuck instance accumulates in-flight calls and so receives fewer new
 * ones. One pass, lock-free.
 */
@Extension("leastactive")
public final class LeastActiveLoadBalancer implements LoadBalancer {

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        if (candidates.size() == 1) {
            return new SinglePicker<>(candidates.get(0));
        }
        return (invocation, excluded) -> pick(candidates, excluded);
    }

    private static <C extends Candidate> C pick(List<C> candidates, Collection<? extends Candidate> excluded) {
        boolean excluding = !excluded.isEmpty();
        LowestScore<C> least = new LowestScore<>();
        for (int i = 0, n = candidates.size(); i < n; i++) {
            C candidate = candidates.get(i);
            if (!excluding || !excluded.contains(candidate)) {
                least.offer(candidate, candidate.inFlight());
            }
        }
        return least.chosen();
    }
}
