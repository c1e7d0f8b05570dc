package io.courier.cluster.loadbalance;

import io.courier.api.Candidate;
import io.courier.api.LoadBalancer;
import io.courier.api.RouteKey;
import io.courier.spi.Extension;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean excluding = !excluded.isEmpty();
        int least = Integer.MAX_VALUE;
        long tiedWeight = 0;
        C chosen = null;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            C candidate = candidates.get(i);
            if (excluding && excluded.contains(candidate)) {
                continue;
            }
            int active = candidate.inFlight();
            int weight = candidate.weight();
            if (active < least) {
                least = active;
                tiedWeight = weight;
                chosen = candidate;
            } else if (active == least) {
                // Weighted reservoir sampling among the tied candidates.
                tiedWeight += weight;
                if (random.nextLong(tiedWeight) < weight) {
                    chosen = candidate;
                }
            }
        }
        return chosen;
    }
}
