package io.courier.api.cluster;

import io.courier.api.Invocation;
import io.courier.spi.ExtensionPoint;
import java.util.Collection;
import java.util.List;

/**
 * Picks one candidate for a call. Extensions: {@code random} (weighted, the default),
 * {@code roundrobin} (smooth weighted), {@code leastactive}, {@code consistenthash},
 * {@code shortestresponse}, {@code p2c} (power of two choices).
 *
 * <p>A balancer is a factory of {@link Picker}s: the cluster asks for a picker each time the routed
 * candidate list of a {@link RouteKey} changes, and calls that picker on every call with that key.
 * State that belongs to one candidate list (a round-robin position, a hash ring) lives in the
 * picker, so the extension itself, a singleton, holds none. {@link #picker} is not on the call path
 * and may do work proportional to the candidates; {@link Picker#pick} is, and must be cheap.
 *
 * <p>Weights, in-flight counts and latencies are read from the {@link Candidate}s at pick time;
 * they change while a picker lives. Thread-safe.
 */
@ExtensionPoint(defaultName = "random", formerly = "io.courier.api.LoadBalancer")
public interface LoadBalancer {

    /**
     * A picker over {@code candidates} (non-empty, immutable, the routed list for {@code key}).
     * Called when the list changes, not per call.
     */
    <C extends Candidate> Picker<C> picker(List<C> candidates, RouteKey key);

    /**
     * Picks among one fixed candidate list. Thread-safe, non-blocking, called on every call.
     *
     * @param <C> the candidate type
     */
    @FunctionalInterface
    interface Picker<C extends Candidate> {

        /**
         * One of the picker's candidates that is not in {@code excluded}, or {@code null} when
         * every candidate is excluded. {@code excluded} holds the instances a call already tried
         * (or found unavailable); it is empty on a first attempt, which implementations should make
         * the fast case.
         */
        C pick(Invocation invocation, Collection<? extends Candidate> excluded);
    }
}
