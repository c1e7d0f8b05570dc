package io.courier.cluster.strategy;

import io.courier.api.cluster.Cluster;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Strategies with test-friendly timing, for scenario tests in other packages (and modules, through
 * the test-jar).
 */
public final class TestClusters {

    private TestClusters() {}

    /** {@code failback} whose background retries wait 1/250 of the real delays (20, 40, 80 ms). */
    public static Cluster fastFailback() {
        Scheduler scaled = (task, delayMillis) -> CompletableFuture.delayedExecutor(
                        Math.max(1, delayMillis / 250), TimeUnit.MILLISECONDS)
                .execute(task);
        return new FailbackCluster(scaled, FailbackCluster.QUEUE_CAPACITY);
    }
}
