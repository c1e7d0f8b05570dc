package io.courier.cluster.loadbalance;

import io.courier.api.cluster.Candidate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Weighted random choice in one pass without allocation (weighted reservoir sampling): candidate
 * {@code i} replaces the choice so far with probability {@code w_i / (w_1 + ... + w_i)}, which
 * leaves each candidate chosen with probability {@code w_i / total}. Each weight is read once, so a
 * weight that changes during the pass (warm-up) cannot skew the result.
 */
final class WeightedRandom {

    private WeightedRandom() {}

    /** A candidate of {@code candidates} not in {@code excluded}, by weight; null if all are excluded. */
    static <C extends Candidate> C pick(List<C> candidates, Collection<? extends Candidate> excluded) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean excluding = !excluded.isEmpty();
        long total = 0;
        C chosen = null;
        for (int i = 0, n = candidates.size(); i < n; i++) {
            C candidate = candidates.get(i);
            if (excluding && excluded.contains(candidate)) {
                continue;
            }
            int weight = candidate.weight();
            total += weight;
            if (random.nextLong(total) < weight) {
                chosen = candidate;
            }
        }
        return chosen;
    }
}
