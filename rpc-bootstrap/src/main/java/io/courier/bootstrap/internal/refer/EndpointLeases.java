package io.courier.bootstrap.internal.refer;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.cluster.CircuitBreakers;
import io.courier.cluster.EndpointLease;
import io.courier.cluster.Reachability;
import io.courier.transport.CallOptions;
import io.courier.transport.TransportClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the directories that use each provider endpoint, so that the connections to an endpoint
 * are shared by every reference to a service on it and closed when the last one lets go (when the
 * provider leaves the registry, or the references close). Thread-safe.
 */
public final class EndpointLeases {

    private final TransportClient client;
    private final Reachability reachability;
    private final Map<Endpoint, Integer> leases = new HashMap<>();

    public EndpointLeases(TransportClient client, Reachability reachability) {
        this.client = client;
        this.reachability = reachability;
    }

    /**
     * An invoker for {@code endpoint} that holds a lease on the endpoint's connections until it is
     * closed, and hands the cluster's per-endpoint invoker the reference's circuit {@code breakers}
     * ({@code null} when off). The per-endpoint invoker unwraps the lease: nothing of this class is on
     * a call's path. Only registry-fed directories record reachability ({@code trackReachability}).
     */
    Invoker lease(Endpoint endpoint, CallOptions callOptions, CircuitBreakers breakers, boolean trackReachability) {
        return lease(endpoint, callOptions, null, breakers, trackReachability);
    }

    /** As {@link #lease(Endpoint, CallOptions, CircuitBreakers, boolean)}, each call waiting as long as {@code timeout} says. */
    Invoker lease(
            Endpoint endpoint,
            CallOptions callOptions,
            LiveTimeout timeout,
            CircuitBreakers breakers,
            boolean trackReachability) {
        return lease(endpoint, callOptions, null, timeout, breakers, trackReachability);
    }

    /**
     * As {@link #lease(Endpoint, CallOptions, LiveTimeout, CircuitBreakers, boolean)}; while {@code
     * callOptions}' serializer is not {@linkplain io.courier.api.serialization.Serializer#ready()
     * ready}, calls go with {@code whileNotReady} instead (another serializer the provider accepts;
     * {@code null} for none: calls wait for the serializer), over the same connections.
     */
    Invoker lease(
            Endpoint endpoint,
            CallOptions callOptions,
            CallOptions whileNotReady,
            LiveTimeout timeout,
            CircuitBreakers breakers,
            boolean trackReachability) {
        Invoker invoker;
        // Under the lock with release(): otherwise a lease taken while the last one is released (a
        // provider leaving and coming back at the same address, an operator's offline and online)
        // could get the connections that release() is about to close, and fail every call with CLOSED.
        synchronized (leases) {
            invoker = invoker(endpoint, callOptions, timeout);
            if (whileNotReady != null && !callOptions.serializer().ready()) {
                invoker = new ReadyFirstSerializer(
                        invoker, invoker(endpoint, whileNotReady, timeout), callOptions.serializer());
            }
            leases.merge(endpoint, 1, Integer::sum);
        }
        return new EndpointLease(
                endpoint, invoker, trackReachability ? reachability : null, breakers, () -> release(endpoint));
    }

    private Invoker invoker(Endpoint endpoint, CallOptions callOptions, LiveTimeout timeout) {
        return timeout == null ? client.invoker(endpoint, callOptions) : client.invoker(endpoint, callOptions, timeout);
    }

    private void release(Endpoint endpoint) {
        synchronized (leases) {
            int left = leases.merge(endpoint, -1, Integer::sum);
            if (left <= 0) {
                leases.remove(endpoint);
                // Only starts closing the channels: cheap enough to hold the lock.
                client.closeEndpoint(endpoint);
                reachability.forget(endpoint);
            }
        }
    }
}
