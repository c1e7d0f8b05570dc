package io.courier.cluster;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.Directory;
import io.courier.api.time.Ticker;
import io.courier.cluster.internal.CandidateSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Directory} over a fixed list of providers: the direct addresses of a reference
 * ({@code @Reference(url = ...)}), or instances given in code. The dynamic configuration can still
 * be changed with {@link #configure(DynamicConfig)} (e.g. to disable an address at run time).
 *
 * <p>The invoker factory is called once per instance, at construction; {@link #close()} closes the
 * invokers it returned that are {@link AutoCloseable}. Thread-safe.
 */
public final class StaticDirectory implements Directory {

    private final CandidateSet candidates;

    private StaticDirectory(CandidateSet candidates) {
        this.candidates = candidates;
    }

    /**
     * A directory of {@code endpoints}, each a provider of {@code serviceKey} with default metadata
     * (weight {@value ServiceInstance#DEFAULT_WEIGHT}, no tags, no warm-up).
     *
     * @throws IllegalArgumentException if {@code endpoints} is empty
     */
    public static StaticDirectory ofEndpoints(
            ServiceKey serviceKey, List<Endpoint> endpoints, Function<ServiceInstance, Invoker> invokerFactory) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        List<ServiceInstance> instances = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            instances.add(ServiceInstance.builder(serviceKey, endpoint).build());
        }
        return ofInstances(serviceKey, instances, invokerFactory);
    }

    /**
     * A directory of {@code instances}, all providers of {@code serviceKey}, kept in the given order.
     *
     * @throws IllegalArgumentException if {@code instances} is empty
     */
    public static StaticDirectory ofInstances(
            ServiceKey serviceKey, List<ServiceInstance> instances, Function<ServiceInstance, Invoker> invokerFactory) {
        return ofInstances(serviceKey, instances, invokerFactory, Ticker.SYSTEM, ClusterOptions.defaults());
    }

    /** As {@link #ofInstances(ServiceKey, List, Function)}, ejecting instances as {@code options} say. */
    public static StaticDirectory ofInstances(
            ServiceKey serviceKey,
            List<ServiceInstance> instances,
            Function<ServiceInstance, Invoker> invokerFactory,
            ClusterOptions options) {
        return ofInstances(serviceKey, instances, invokerFactory, Ticker.SYSTEM, options);
    }

    /** As {@link #ofEndpoints(ServiceKey, List, Function)}, ejecting instances as {@code options} say. */
    public static StaticDirectory ofEndpoints(
            ServiceKey serviceKey,
            List<Endpoint> endpoints,
            Function<ServiceInstance, Invoker> invokerFactory,
            ClusterOptions options) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        List<ServiceInstance> instances = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints) {
            instances.add(ServiceInstance.builder(serviceKey, endpoint).build());
        }
        return ofInstances(serviceKey, instances, invokerFactory, options);
    }

    static StaticDirectory ofInstances(
            ServiceKey serviceKey,
            List<ServiceInstance> instances,
            Function<ServiceInstance, Invoker> invokerFactory,
            Ticker ticker) {
        return ofInstances(serviceKey, instances, invokerFactory, ticker, ClusterOptions.defaults());
    }

    static StaticDirectory ofInstances(
            ServiceKey serviceKey,
            List<ServiceInstance> instances,
            Function<ServiceInstance, Invoker> invokerFactory,
            Ticker ticker,
            ClusterOptions options) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("instances: [] (expected: at least one provider of " + serviceKey + ")");
        }
        CandidateSet set = new CandidateSet(serviceKey, invokerFactory, ticker, options);
        set.update(instances);
        return new StaticDirectory(set);
    }

    @Override
    public ServiceKey serviceKey() {
        return candidates.serviceKey();
    }

    @Override
    public List<? extends Candidate> candidates() {
        return candidates.candidates();
    }

    @Override
    public DynamicConfig config() {
        return candidates.config();
    }

    /** Applies {@code config} (weights, disabled addresses, tags, condition rules) and re-routes. */
    public void configure(DynamicConfig config) {
        candidates.configure(config);
    }

    @Override
    public AutoCloseable addListener(Runnable listener) {
        return candidates.addListener(listener);
    }

    @Override
    public void close() {
        candidates.close();
    }

    @Override
    public String toString() {
        return "StaticDirectory(" + serviceKey() + ", " + candidates() + ")";
    }
}
