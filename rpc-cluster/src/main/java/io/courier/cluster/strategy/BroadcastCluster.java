package io.courier.cluster.strategy;

import io.courier.api.Invoker;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.spi.Extension;

/**
 * {@code broadcast}: sends the call to every routed instance at once (available or not) and waits
 * for all of them; for cache invalidation and configuration pushes. It fails if any instance fails,
 * with a message naming the instances that failed and the last cause; otherwise it answers with the
 * first business exception if any instance threw one, else with the answer of the first instance
 * in routing order. Nothing is retried.
 */
@Extension("broadcast")
public final class BroadcastCluster implements Cluster {

    @Override
    public Invoker join(CandidateSelector selector) {
        return new BroadcastInvoker(selector);
    }
}
