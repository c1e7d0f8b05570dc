package io.courier.api;

import io.courier.spi.ExtensionPoint;
import java.util.List;

/**
 * Picks one candidate for a call. Extensions: {@code random} (weighted, the default),
 * {@code roundrobin}, {@code leastactive}, {@code consistenthash}, {@code shortestresponse},
 * {@code p2c}. Called on every call: must be cheap, must not block, and must be thread-safe.
 */
@ExtensionPoint(defaultName = "random")
public interface LoadBalancer {

    /**
     * Picks one of {@code candidates} (never empty; routing has already run) for {@code invocation}.
     */
    <C extends Candidate> C select(List<C> candidates, Invocation invocation);
}
