package io.courier.cluster.strategy;

import io.courier.api.Invoker;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.api.time.Ticker;
import io.courier.spi.Extension;

/**
 * {@code forking}: sends an {@code @Idempotent} call to N instances at once and answers with the
 * first answer (a value or a business exception); it fails only when all N fail. N is
 * {@code retries + 1} (3 by default), at most the number of routed instances. Trades load for tail
 * latency on reads.
 *
 * <p>A method that is not idempotent is never forked, since that would run it N times: it is sent
 * to one instance and retried like {@code failover}, only on failures that prove it did not run.
 */
@Extension("forking")
public final class ForkingCluster implements Cluster {

    private final Ticker ticker;

    public ForkingCluster() {
        this(Ticker.SYSTEM);
    }

    ForkingCluster(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public Invoker join(CandidateSelector selector) {
        int retries = selector.options().retries();
        Invoker single = new RetryingInvoker(
                selector, RetryBudget.of(selector, ticker), retries, "retries exhausted (retries = " + retries + ")");
        return new ForkingInvoker(selector, retries + 1, single);
    }
}
