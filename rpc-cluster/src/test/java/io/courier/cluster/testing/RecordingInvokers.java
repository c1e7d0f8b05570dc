package io.courier.cluster.testing;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An invoker factory for directory tests: every invoker answers its endpoint, and the factory
 * counts how many invokers it made and how many were closed, per endpoint.
 */
public final class RecordingInvokers implements Function<ServiceInstance, Invoker> {

    private final Map<Endpoint, AtomicInteger> created = new ConcurrentHashMap<>();
    private final Map<Endpoint, AtomicInteger> closed = new ConcurrentHashMap<>();

    @Override
    public Invoker apply(ServiceInstance instance) {
        created.computeIfAbsent(instance.endpoint(), e -> new AtomicInteger()).incrementAndGet();
        return new EndpointInvoker(instance.endpoint());
    }

    public int created(Endpoint endpoint) {
        AtomicInteger count = created.get(endpoint);
        return count == null ? 0 : count.get();
    }

    public int closed(Endpoint endpoint) {
        AtomicInteger count = closed.get(endpoint);
        return count == null ? 0 : count.get();
    }

    private final class EndpointInvoker implements Invoker, AutoCloseable {
        private final Endpoint endpoint;

        EndpointInvoker(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return CompletableFuture.completedFuture(RpcResult.of(endpoint.toString()));
        }

        @Override
        public void close() {
            closed.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
        }
    }
}
