package io.courier.cluster.strategy;

import io.courier.api.Invoker;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.api.time.Ticker;
import io.courier.spi.Extension;

/**
 * {@code failover}, the default: on a failure that {@linkplain RetryPolicy is safe to retry}, try
 * another instance, up to {@code retries} (default 2) extra attempts, within the reference's
 * {@linkplain RetryBudget retry budget}. A timeout or a connection lost in flight is retried only
 * for {@code @Idempotent} methods, so a non-idempotent write never runs twice because of a retry.
 */
@Extension("failover")
public final class FailoverCluster implements Cluster {

    private final Ticker ticker;

    public FailoverCluster() {
        this(Ticker.SYSTEM);
    }

    FailoverCluster(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public Invoker join(CandidateSelector selector) {
        int retries = selector.options().retries();
        return new RetryingInvoker(
                selector, RetryBudget.of(selector, ticker), retries, "retries exhausted (retries = " + retries + ")");
    }
}
