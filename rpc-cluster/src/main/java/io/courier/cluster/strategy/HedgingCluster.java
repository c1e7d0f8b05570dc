package io.courier.cluster.strategy;

import io.courier.api.Invoker;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.api.time.Ticker;
import io.courier.spi.Extension;

/**
 * {@code hedging}: Finagle's backup requests and gRPC's hedging policy. An {@code @Idempotent} call
 * goes to one instance; if it has not answered after a delay (a fixed one, or a percentile of the
 * method's recent latencies), a second attempt goes to another instance, and the first answer wins.
 * The loser is cancelled on the wire, so that its provider drops it if it has not started it yet.
 * Second attempts are capped at a share of the calls ({@code courier.cluster.hedging-budget-percent},
 * 10% by default, over a sliding 10 s window), so a slow service is not buried under twice its load.
 * The delay, percentile and cap also change live through the configuration centre
 * ({@link HedgingPolicy}). An attempt that fails before the other answers leaves the race to it;
 * when the first fails before the delay and may be retried ({@link RetryPolicy}), the second goes out
 * at once.
 *
 * <p>A method that is not idempotent is never hedged, since that could run it twice: it is sent to
 * one instance and retried like {@code failover}, only on failures that prove it did not run.
 */
@Extension("hedging")
public final class HedgingCluster implements Cluster {

    private final Ticker ticker;
    private final Scheduler scheduler;

    public HedgingCluster() {
        this(Ticker.SYSTEM, Scheduler.SHARED);
    }

    HedgingCluster(Ticker ticker, Scheduler scheduler) {
        this.ticker = ticker;
        this.scheduler = scheduler;
    }

    @Override
    public Invoker join(CandidateSelector selector) {
        int retries = selector.options().retries();
        Invoker single = new RetryingInvoker(
                selector, RetryBudget.of(selector, ticker), retries, "retries exhausted (retries = " + retries + ")");
        return new HedgingInvoker(selector, single, ticker, scheduler);
    }
}
