package io.courier.cluster.strategy;

import io.courier.api.Invoker;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.spi.Extension;

/**
 * {@code failfast}: one attempt, no retry, whatever the failure; for calls whose caller handles
 * failures itself (or must see them at once). The failure still names the instance tried.
 */
@Extension("failfast")
public final class FailfastCluster implements Cluster {

    @Override
    public Invoker join(CandidateSelector selector) {
        return new RetryingInvoker(selector, null, 0, "failfast does not retry");
    }
}
