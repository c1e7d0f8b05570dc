package io.courier.cluster;

import io.courier.api.Endpoint;
import io.courier.api.EndpointHealth;
import io.courier.api.ServiceKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * What this consumer knows about reaching each provider endpoint, from its transport's connections
 * and the outcome of its calls. An endpoint is reachable while the transport has an open connection
 * to it (heartbeats keep a connection to a live provider open, and close one to a dead peer). Without
 * one it is unreachable if a call to it failed to connect or lost its connection, or if a call had
 * succeeded on it and that connection is gone; an endpoint this consumer never called and never
 * failed to reach counts as reachable (connections open on the first call, and nothing says it is
 * gone). A successful call makes an endpoint reachable again.
 *
 * <p>The per-endpoint invoker ({@code InstanceCandidate}) records the outcome of each call of a
 * registry-fed reference here. The registry's empty-push protection asks this (see
 * {@link io.courier.api.registry.Registry#subscribe(ServiceKey, java.util.function.Consumer, Predicate)}): an empty provider
 * list is withheld while a known provider is reachable, and delivered once none is, so a consumer
 * whose providers all stopped learns it instead of dialling them forever. Thread-safe.
 */
public final class Reachability {

    private final Set<Endpoint> unreachable = ConcurrentHashMap.newKeySet();
    /** Endpoints a call succeeded on, so that a connection to them existed. */
    private final Set<Endpoint> called = ConcurrentHashMap.newKeySet();

    private volatile ToIntFunction<Endpoint> openConnections = endpoint -> 0;
    private volatile Predicate<Endpoint> transportReachable = endpoint -> true;

    /** Where the open connections to an endpoint are counted, once the transport client exists. */
    public void connections(ToIntFunction<Endpoint> openConnections) {
        this.openConnections = openConnections;
    }

    /**
     * The transport's own view, once the client exists: an endpoint whose connect failed or whose
     * connection was lost is unreachable without any call to it. Calls never go to an endpoint
     * that never connected while others are ready, so the outcome of calls alone would count a
     * stale registration as reachable forever, and protection would keep it listed.
     */
    public void transport(Predicate<Endpoint> reachable) {
        this.transportReachable = reachable;
    }

    public boolean reachable(Endpoint endpoint) {
        if (openConnections.applyAsInt(endpoint) > 0) {
            return true;
        }
        if (!transportReachable.test(endpoint)) {
            return false;
        }
        return !unreachable.contains(endpoint) && !called.contains(endpoint);
    }

    /** Records the outcome of a call to {@code endpoint}; {@code failure} is {@code null} on success. */
    public void record(Endpoint endpoint, Throwable failure) {
        if (failure == null) {
            // a lookup per call; the set changes only on an endpoint's first success
            if (!called.contains(endpoint)) {
                called.add(endpoint);
            }
            if (!unreachable.isEmpty()) {
                unreachable.remove(endpoint);
            }
            return;
        }
        if (EndpointHealth.of(failure).unreachable()) {
            unreachable.add(endpoint);
        }
    }

    /** Forgets {@code endpoint}: no directory lists it any more, and its connections are closed. */
    public void forget(Endpoint endpoint) {
        unreachable.remove(endpoint);
        called.remove(endpoint);
    }
}
