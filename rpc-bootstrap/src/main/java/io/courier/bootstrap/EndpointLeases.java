package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.transport.CallOptions;
import io.courier.transport.TransportClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Counts the directories that use each provider endpoint, so that the connections to an endpoint
 * are shared by every reference to a service on it and closed when the last one lets go (when the
 * provider leaves the registry, or the references close). Thread-safe.
 */
final class EndpointLeases {

    private final TransportClient client;
    private final Reachability reachability;
    private final Map<Endpoint, Integer> leases = new HashMap<>();

    EndpointLeases(TransportClient client, Reachability reachability) {
        this.client = client;
        this.reachability = reachability;
    }

    /**
     * An invoker for {@code endpoint}, wrapped by {@code decorator} (e.g. a circuit breaker), that
     * holds a lease on the endpoint's connections until it is closed.
     */
    Invoker lease(
            Endpoint endpoint, CallOptions callOptions, UnaryOperator<Invoker> decorator, boolean trackReachability) {
        Invoker invoker = decorator.apply(client.invoker(endpoint, callOptions));
        synchronized (leases) {
            leases.merge(endpoint, 1, Integer::sum);
        }
        return new Leased(endpoint, invoker, trackReachability);
    }

    private void release(Endpoint endpoint) {
        boolean last;
        synchronized (leases) {
            int left = leases.merge(endpoint, -1, Integer::sum);
            last = left <= 0;
            if (last) {
                leases.remove(endpoint);
            }
        }
        if (last) {
            client.closeEndpoint(endpoint);
        }
    }

    /** The invoker of one directory entry; closing it gives its lease back, once. */
    private final class Leased implements Invoker, AutoCloseable {
        private final Endpoint endpoint;
        private final Invoker delegate;
        private final AtomicBoolean released = new AtomicBoolean();
        private final BiConsumer<RpcResult, Throwable> outcome;

        /** Only registry-fed directories need reachability; direct ones skip the extra stage per call. */
        Leased(Endpoint endpoint, Invoker delegate, boolean trackReachability) {
            this.endpoint = endpoint;
            this.delegate = delegate;
            this.outcome = trackReachability ? (result, failure) -> reachability.record(endpoint, failure) : null;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            CompletableFuture<RpcResult> result = delegate.invoke(invocation);
            if (outcome != null) {
                result.whenComplete(outcome);
            }
            return result;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(endpoint);
            }
        }

        @Override
        public String toString() {
            return "Leased(" + endpoint + ")";
        }
    }
}
