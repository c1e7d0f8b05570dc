package io.courier.cluster.loadbalance;

import io.courier.api.cluster.Candidate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps the candidate with the lowest score seen so far, breaking exact ties at random in
 * proportion to weight (weighted reservoir sampling among the tied), so that equally loaded
 * instances share calls by weight. One instance per pick; not thread-safe.
 */
final class LowestScore<C extends Candidate> {

    private final ThreadLocalRandom random = ThreadLocalRandom.current();
    private double lowest = Double.POSITIVE_INFINITY;
    private long tiedWeight;
    private C chosen;

    void offer(C candidate, double score) {
        int weight = candidate.weight();
        if (score < lowest) {
            lowest = score;
            tiedWeight = weight;
            chosen = candidate;
        } else if (score == lowest) {
            tiedWeight += weight;
            if (random.nextLong(tiedWeight) < weight) {
                chosen = candidate;
            }
        }
    }

    /** The chosen candidate; {@code null} if none was offered. */
    C chosen() {
        return chosen;
    }
}
