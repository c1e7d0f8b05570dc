package io.courier.cluster.internal;

import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import java.util.List;

/**
 * The routed candidates of one routing key, the load balancer's picker over them, and the set of
 * them that is ready; the picker and the ready set are {@code null} exactly when there are no
 * candidates.
 */
record Route(List<Candidate> candidates, LoadBalancer.Picker<Candidate> picker, ReadySet ready) {

    static final Route EMPTY = new Route(List.of(), null, null);
}
