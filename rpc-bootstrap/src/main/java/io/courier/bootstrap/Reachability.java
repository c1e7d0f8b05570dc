package io.courier.bootstrap;

import io.courier.api.DynamicConfig;
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

/**
 * What this consumer has learnt about reaching each provider endpoint, from the outcome of its
 * calls: an endpoint is unreachable after a call to it failed to connect or lost its connection, and
 * reachable again after a call succeeds. Unknown endpoints count as reachable.
 *
 * <p>The registry's empty-push protection asks this (see
 * {@link Registry#subscribe(ServiceKey, Consumer, java.util.function.Predicate)}): an empty provider
 * list is withheld while a known provider is reachable, and delivered once none is, so a consumer
 * whose providers all stopped learns it instead of dialling them forever. Thread-safe.
 */
final class Reachability {

    private final Set<Endpoint> unreachable = ConcurrentHashMap.newKeySet();

    boolean reachable(Endpoint endpoint) {
        return !unreachable.contains(endpoint);
    }

    /** Records the outcome of a call to {@code endpoint}; {@code failure} is {@code null} on success. */
    void record(Endpoint endpoint, Throwable failure) {
        if (failure == null) {
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

    private static boolean lostTheEndpoint(ErrorCode code) {
        return code == ErrorCode.CONNECT_FAILED || code == ErrorCode.NETWORK || code == ErrorCode.GOING_AWAY;
    }

    /**
     * {@code registry}, with this reachability passed to every provider subscription. The cluster's
     * registry directory subscribes without one, which would make empty-push protection keep a
     * stopped provider forever.
     */
    Registry guard(Registry registry) {
        return new Registry() {
            @Override
            public void register(ServiceInstance instance) {
                registry.register(instance);
            }

            @Override
            public void unregister(ServiceInstance instance) {
                registry.unregister(instance);
            }

            @Override
            public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
                return registry.subscribe(serviceKey, listener, Reachability.this::reachable);
            }

            @Override
            public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
                return registry.watchConfig(serviceKey, listener);
            }

            @Override
            public void close() {
                // Owned and closed by the application, not by the directories that use this view.
            }
        };
    }
}
