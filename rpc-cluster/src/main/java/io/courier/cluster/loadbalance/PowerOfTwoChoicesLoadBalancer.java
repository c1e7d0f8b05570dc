package io.courier.cluster.loadbalance;

import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.spi.Extension;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code p2c}: power of two choices. Two distinct candidates are drawn uniformly at random and the
 * one with the lower score wins: average latency (EWMA) × (in-flight calls + 1) ÷ weight. When only
 * one of the two has been measured, the other is scored with its latency; when neither has, with
 * equal latencies (so in-flight counts and weights decide).
 *
 * <p>Constant work per pick whatever the number of candidates, lock-free, and, unlike a full scan,
 * it does not make every consumer chase the same momentarily best instance. A candidate 10× slower
 * than its peers wins a draw only once the others have about 10× its calls in flight.
 */
@Extension("p2c")
public final class PowerOfTwoChoicesLoadBalancer implements LoadBalancer {

    @Override
    public <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key) {
        if (candidates.size() == 1) {
            return new SinglePicker<>(candidates.get(0));
        }
        return (invocation, excluded) ->
                excluded.isEmpty() ? choose(candidates) : chooseExcluding(candidates, excluded);
    }

    private static <C extends Candidate> C choose(List<C> candidates) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int n = candidates.size();
        int first = random.nextInt(n);
        int second = random.nextInt(n - 1);
        if (second >= first) {
            second++;
        }
        return better(candidates.get(first), candidates.get(second));
    }

    /** The retry path: draw among the candidates not excluded. */
    private static <C extends Candidate> C chooseExcluding(
            List<C> candidates, Collection<? extends Candidate> excluded) {
        List<C> eligible = new ArrayList<>(candidates.size());
        for (C candidate : candidates) {
            if (!excluded.contains(candidate)) {
                eligible.add(candidate);
            }
        }
        if (eligible.size() <= 1) {
            return eligible.isEmpty() ? null : eligible.get(0);
        }
        return choose(eligible);
    }

    private static <C extends Candidate> C better(C a, C b) {
        double latencyA = a.averageLatencyNanos();
        double latencyB = b.averageLatencyNanos();
        if (latencyA == 0 && latencyB == 0) {
            latencyA = 1;
            latencyB = 1;
        } else if (latencyA == 0) {
            latencyA = latencyB;
        } else if (latencyB == 0) {
            latencyB = latencyA;
        }
        return LoadScore.of(b, latencyB) < LoadScore.of(a, latencyA) ? b : a;
    }
}
