package io.courier.cluster.loadbalance;

import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import java.util.List;

/**
 * {@code random}, the default: each call goes to a candidate chosen at random with probability
 * proportional to its current {@link Candidate#weight()} (so warm-up and weight overrides apply).
 * Stateless and lock-free; one pass over the candidates per pick.
 */
@Extension("random")
public final class RandomLoadBalancer implements LoadBalancer {

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        if (candidates.size() == 1) {
            return new SinglePicker<>(candidates.get(0));
        }
        return (invocation, excluded) -> WeightedRandom.pick(candidates, excluded);
    }
}
