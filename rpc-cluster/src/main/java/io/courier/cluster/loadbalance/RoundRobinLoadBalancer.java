package io.courier.cluster.loadbalance;

import io.courier.api.Invocation;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import java.util.Collection;
import java.util.List;

/**
 * {@code roundrobin}: smooth weighted round robin (the nginx algorithm). On each pick every
 * candidate's running value grows by its weight, the largest is chosen (the first on a tie) and
 * lowered by the total weight. Over one cycle each candidate is chosen exactly in proportion to its
 * weight, and heavy candidates are spread out rather than chosen in a burst: weights 5, 1, 1 give
 * {@code a a b a c a a}.
 *
 * <p>The state lives in the picker, so one routing key (method and tag) has one rotation, restarted
 * when the routed list changes. A pick holds the picker's lock for one pass over the candidates.
 * Weights are read on each pick, so warm-up and overrides take effect at once.
 */
@Extension("roundrobin")
public final class RoundRobinLoadBalancer implements LoadBalancer {

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        if (candidates.size() == 1) {
            return new SinglePicker<>(candidates.get(0));
        }
        return new SmoothPicker<>(candidates);
    }

    private static final class SmoothPicker<C extends Candidate> implements Picker<C> {
        private final List<C> candidates;
        /** Running values; guarded by this. */
        private final long[] current;

        SmoothPicker(List<C> candidates) {
            this.candidates = candidates;
            this.current = new long[candidates.size()];
        }

        @Override
        public synchronized C pick(Invocation invocation, Collection<? extends Candidate> excluded) {
            boolean excluding = !excluded.isEmpty();
            long total = 0;
            int best = -1;
            for (int i = 0; i < current.length; i++) {
                C candidate = candidates.get(i);
                if (excluding && excluded.contains(candidate)) {
                    continue;
                }
                int weight = candidate.weight();
                current[i] += weight;
                total += weight;
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            if (best < 0) {
                return null;
            }
            current[best] -= total;
            return candidates.get(best);
        }
    }
}
