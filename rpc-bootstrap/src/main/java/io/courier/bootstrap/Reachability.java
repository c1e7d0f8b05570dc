package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.Registry;
import io.courier.api.RpcException;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
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
 * <p>The registry's empty-push protection asks this (see
 * {@link Registry#subscribe(ServiceKey, Consumer, java.util.function.Predicate)}): an empty provider
 * list is withheld while a known provider is reachable, and delivered once none is, so a consumer
 * whose providers all stopped learns it instead of dialling them forever. Thread-safe.
 */
final class Reachability {

    private final Set<Endpoint> unreachable = ConcurrentHashMap.newKeySet();
    /** Endpoints a call succeeded on, so that a connection to them existed. */
    private final Set<Endpoint> called = ConcurrentHashMap.newKeySet();

    private volatile ToIntFunction<Endpoint> openConnections = endpoint -> 0;
    private volatile Predicate<Endpoint> transportReachable = endpoint -> true;

    /** Where the open connections to an endpoint are counted, once the transport client exists. */
    void connections(ToIntFunction<Endpoint> openConnections) {
        this.openConnections = openConnections;
    }

    /**
     * The transport's own view, once the client exists: an endpoint whose connect failed or whose
     * connection was lost is unreachable without any call to it. Calls never go to an endpoint
     * that never connected while others are ready, so the outcome of calls alone would count a
     * stale registration as reachable forever, and protection would keep it listed.
     */
    void transport(Predicate<Endpoint> reachable) {
        this.transportReachable = reachable;
    }

    boolean reachable(Endpoint endpoint) {
        if (openConnections.applyAsInt(endpoint) > 0) {
            return true;
        }
        if (!transportReachable.test(endpoint)) {
            return false;
        }
        return !unreachable.contains(endpoint) && !called.contains(endpoint);
    }

    /** Records the outcome of a call to {@code endpoint}; {@code failure} is {@code null} on success. */
    void record(Endpoint endpoint, Throwable failure) {
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
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RpcException rpc && lostTheEndpoint(rpc.code())) {
            unreachable.add(endpoint);
        }
    }

    /** Forgets {@code endpoint}: no directory lists it any more, and its connections are closed. */
    void forget(Endpoint endpoint) {
        unreachable.remove(endpoint);
        called.remove(endpoint);
    }

    private static boolean lostTheEndpoint(ErrorCode code) {
        return code == ErrorCode.CONNECT_FAILED || code == ErrorCode.NETWORK || code == ErrorCode.GOING_AWAY;
    }

    /**
     * {@code registry}, with this reachability passed to every provider subscription. The cluster's
     * registry directory subscribes without one, which would make empty-push protection keep a
     * stopped provider forever.
     */
    Registry guard(Registry registry) {
        return new RegistryView(registry) {
            @Override
            public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
                return registry.subscribe(serviceKey, listener, Reachability.this::reachable);
            }

            @Override
            public AutoCloseable subscribe(
                    ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> ignored) {
                return subscribe(serviceKey, listener);
            }
        };
    }
}
