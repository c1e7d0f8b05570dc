package io.courier.cluster.strategy;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Cluster;
import io.courier.cluster.ClusterBuilder;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.StaticDirectory;
import io.courier.cluster.loadbalance.RoundRobinLoadBalancer;
import io.courier.cluster.testing.Greeter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Instances that answer what the test scripted, per endpoint and in order (the last outcome
 * repeats), recording every attempt. An outcome is an {@link RpcResult}, an {@link RpcException}
 * or {@link #HOLD} (the attempt waits for {@link #release}). Calls are balanced round robin so that
 * attempts are predictable.
 */
final class Script implements AutoCloseable {

    static final Object HOLD = new Object();

    static final Endpoint A = Endpoint.of("10.0.0.1", 20880);
    static final Endpoint B = Endpoint.of("10.0.0.2", 20880);
    static final Endpoint C = Endpoint.of("10.0.0.3", 20880);

    private final Map<Endpoint, Deque<Object>> outcomes = new HashMap<>();
    private final List<Endpoint> attempts = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<RpcResult>> held = Collections.synchronizedList(new ArrayList<>());
    private final List<Endpoint> endpoints = new ArrayList<>();
    private StaticDirectory directory;

    /** Endpoint {@code endpoint} answers {@code scripted} in order, repeating the last. */
    Script on(Endpoint endpoint, Object... scripted) {
        endpoints.add(endpoint);
        outcomes.put(endpoint, new ArrayDeque<>(List.of(scripted)));
        return this;
    }

    Invoker join(Cluster cluster) {
        return join(cluster, ReferenceOptions.defaults());
    }

    Invoker join(Cluster cluster, ReferenceOptions options) {
        return join(cluster, options, ClusterOptions.defaults());
    }

    Invoker join(Cluster cluster, ReferenceOptions options, ClusterOptions clusterOptions) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            instances.add(ServiceInstance.builder(Greeter.KEY, endpoint).build());
        }
        directory = StaticDirectory.ofInstances(
                Greeter.KEY, instances, instance -> invocation -> answer(instance.endpoint(), invocation));
        return ClusterBuilder.of(directory, options)
                .routers(List.of())
                .loadBalancer(new RoundRobinLoadBalancer())
                .cluster(cluster)
                .clusterOptions(clusterOptions)
                .build();
    }

    List<Endpoint> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** The directory the instances are in, once joined (to push a dynamic configuration). */
    StaticDirectory directory() {
        return directory;
    }

    /** Attempts held and not yet released, oldest first (a cancelled one stays until released). */
    List<CompletableFuture<RpcResult>> held() {
        synchronized (held) {
            return List.copyOf(held);
        }
    }

    /** Completes the oldest held attempt with {@code outcome}. */
    void release(Object outcome) {
        CompletableFuture<RpcResult> future = held.remove(0);
        complete(future, outcome);
    }

    private CompletableFuture<RpcResult> answer(Endpoint endpoint, Invocation invocation) {
        attempts.add(endpoint);
        Deque<Object> queue = outcomes.get(endpoint);
        Object outcome;
        synchronized (queue) {
            outcome = queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
        }
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        if (outcome == HOLD) {
            held.add(future);
        } else {
            complete(future, outcome);
        }
        return future;
    }

    private static void complete(CompletableFuture<RpcResult> future, Object outcome) {
        if (outcome instanceof RpcException failure) {
            future.completeExceptionally(failure);
        } else {
            future.complete((RpcResult) outcome);
        }
    }

    @Override
    public void close() {
        if (directory != null) {
            directory.close();
        }
    }
}
