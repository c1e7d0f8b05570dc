package io.courier.cluster.internal;

import io.courier.api.Candidate;
import io.courier.api.LoadBalancer;
import java.util.List;

/**
 * The routed candidates of one routing key and the load balancer's picker over them; the picker is
 * {@code null} exactly when there are no candidates.
 */
record Route(List<Candidate> candidates, LoadBalancer.Picker<Candidate> picker) {

    static final Route EMPTY = new Route(List.of(), null);
}
