package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
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
        return lease(endpoint, callOptions, null, decorator, trackReachability);
    }

    /** As {@link #lease(Endpoint, CallOptions, UnaryOperator, boolean)}, each call waiting as long as {@code timeout} says. */
    Invoker lease(
            Endpoint endpoint,
            CallOptions callOptions,
            LiveTimeout timeout,
            UnaryOperator<Invoker> decorator,
            boolean trackReachability) {
        Invoker invoker;
        // Under the lock with release(): otherwise a lease taken while the last one is released (a
        // provider leaving and coming back at the same address, an operator's offline and online)
        // could get the connections that release() is about to close, and fail every call with CLOSED.
        synchronized (leases) {
            invoker = timeout == null
                    ? client.invoker(endpoint, callOptions)
                    : timeout.invoker(client, endpoint, callOptions);
            leases.merge(endpoint, 1, Integer::sum);
        }
        return new Leased(endpoint, decorator.apply(invoker), invoker, trackReachability);
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

    /** The invoker of one directory entry; closing it gives its lease back, once. */
    private final class Leased implements Invoker, AutoCloseable {
        private final Endpoint endpoint;
        private final Invoker delegate;
        /** The transport's own invoker, under the decorators: it knows whether the endpoint is reachable. */
        private final Invoker transport;

        private final AtomicBoolean released = new AtomicBoolean();
        private final BiConsumer<RpcResult, Throwable> outcome;

        /** Only registry-fed directories need reachability; direct ones skip the extra stage per call. */
        Leased(Endpoint endpoint, Invoker delegate, Invoker transport, boolean trackReachability) {
            this.endpoint = endpoint;
            this.delegate = delegate;
            this.transport = transport;
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
        public boolean available() {
            return transport.available();
        }

        /** The decorators' say too: an open circuit breaker refuses the method at once. */
        @Override
        public boolean available(MethodDescriptor method) {
            return transport.available() && delegate.available(method);
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
