package io.courier.cluster.loadbalance;

import io.courier.api.cluster.Candidate;

/**
 * The expected cost of sending one more call to a candidate, used by the latency-aware balancers:
 * its average latency times the calls it would then have in flight, divided by its weight (so
 * weights and warm-up still shift load). Lower is better.
 */
final class LoadScore {

    private LoadScore() {}

    /**
     * The score of {@code candidate}, using {@code latencyNanos} as its latency: its own average,
     * or, for a candidate not yet measured, an estimate from its peers, so that a new instance is
     * neither flooded (as a latency of 0 would do) nor starved.
     */
    static double of(Candidate candidate, double latencyNanos) {
        return latencyNanos * (candidate.inFlight() + 1) / candidate.weight();
    }
}
