package io.courier.cluster.testing;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A candidate on plain values, for algorithm tests: weight, in-flight and latency are set directly. */
public final class TestCandidate implements Candidate {

    private final String name;
    private volatile ServiceInstance instance;
    private volatile int weight;
    private volatile int inFlight;
    private volatile long latencyNanos;
    private volatile boolean available = true;
    private volatile Set<MethodDescriptor> refused = Set.of();

    private TestCandidate(String name, ServiceInstance instance, int weight) {
        this.name = name;
        this.instance = instance;
        this.weight = weight;
    }

    private static final AtomicInteger PORTS = new AtomicInteger(20_000);

    /** A candidate named {@code name} at 127.0.0.1 on a port no other test candidate has. */
    public static TestCandidate of(String name, int weight) {
        return at(name, Endpoint.of("127.0.0.1", PORTS.incrementAndGet()), weight, Set.of());
    }

    public static TestCandidate at(String name, Endpoint endpoint, int weight, Set<String> tags) {
        ServiceInstance instance = ServiceInstance.builder(Greeter.KEY, endpoint)
                .weight(weight)
                .tags(tags)
                .build();
        return new TestCandidate(name, instance, weight);
    }

    public String name() {
        return name;
    }

    @Override
    public ServiceInstance instance() {
        return instance;
    }

    @Override
    public Invoker invoker() {
        return invocation -> CompletableFuture.completedFuture(RpcResult.of(name));
    }

    @Override
    public int weight() {
        return weight;
    }

    /** Replaces the published metadata. */
    public TestCandidate metadata(Map<String, String> metadata) {
        this.instance = instance.toBuilder().metadata(metadata).build();
        return this;
    }

    public TestCandidate weight(int weight) {
        this.weight = weight;
        return this;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    public TestCandidate inFlight(int inFlight) {
        this.inFlight = inFlight;
        return this;
    }

    @Override
    public long averageLatencyNanos() {
        return latencyNanos;
    }

    public TestCandidate latencyNanos(long latencyNanos) {
        this.latencyNanos = latencyNanos;
        return this;
    }

    @Override
    public boolean available() {
        return available;
    }

    public TestCandidate available(boolean available) {
        this.available = available;
        return this;
    }

    @Override
    public boolean available(MethodDescriptor method) {
        return available && !refused.contains(method);
    }

    /** Makes {@code method} unavailable here, as an open circuit breaker does. */
    public TestCandidate refuse(MethodDescriptor method) {
        this.refused = Set.of(method);
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
