package io.courier.cluster.loadbalance;

import io.courier.api.Invocation;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import java.util.Collection;

/** The picker of a route with one candidate, whatever the balancing algorithm. */
record SinglePicker<C extends Candidate>(C candidate) implements LoadBalancer.Picker<C> {

    @Override
    public C pick(Invocation invocation, Collection<? extends Candidate> excluded) {
        return excluded.isEmpty() || !excluded.contains(candidate) ? candidate : null;
    }
}
