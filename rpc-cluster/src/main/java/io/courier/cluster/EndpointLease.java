package io.courier.cluster;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What an invoker factory of a directory hands the cluster for one endpoint when the endpoint's
 * connections are shared: the invoker to call it through, a lease on those connections given back
 * once when this is closed, where to record the outcome of calls ({@link Reachability}, or none),
 * and the reference's {@link CircuitBreakers} (or none). The cluster's per-endpoint invoker finds it
 * with {@link Invoker#as(Class) as(EndpointLease.class)}, takes the endpoint's breakers and calls
 * {@link #invoker()} itself, so that neither the lease nor whoever made it is on a call's path; a
 * directory therefore hands the lease over as it is, not decorated (a decorator's own work would be
 * skipped).
 *
 * <p>Called directly (by code that does not unwrap it), it calls the invoker and records the
 * outcome, without breakers: those live in the per-endpoint invoker. Thread-safe.
 */
public final class EndpointLease implements Invoker, AutoCloseable {

    private final Endpoint endpoint;
    private final Invoker invoker;
    private final Reachability reachability;
    private final CircuitBreakers breakers;
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    /**
     * @param invoker the endpoint's invoker (the transport's, possibly decorated)
     * @param reachability where outcomes are recorded; {@code null} for none
     * @param release gives the lease back; run once, on the first {@link #close()}
     */
    public EndpointLease(Endpoint endpoint, Invoker invoker, Reachability reachability, Runnable release) {
        this(endpoint, invoker, reachability, null, release);
    }

    /**
     * @param invoker the endpoint's invoker (the transport's)
     * @param reachability where outcomes are recorded; {@code null} for none
     * @param breakers the reference's circuit breakers, of which the endpoint gets its own;
     *     {@code null} when breaking is off
     * @param release gives the lease back; run once, on the first {@link #close()}
     */
    public EndpointLease(
            Endpoint endpoint, Invoker invoker, Reachability reachability, CircuitBreakers breakers, Runnable release) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.reachability = reachability;
        this.breakers = breakers;
        this.release = Objects.requireNonNull(release, "release");
    }

    /** The reference's circuit breakers; {@code null} when breaking is off. */
    public CircuitBreakers breakers() {
        return breakers;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The invoker to call the endpoint through. */
    public Invoker invoker() {
        return invoker;
    }

    /** Records the outcome of a call; {@code failure} is {@code null} on success. */
    public void record(Throwable failure) {
        if (reachability != null) {
            reachability.record(endpoint, failure);
        }
    }

    /** Whether outcomes are recorded at all, so that callers can skip the callback. */
    public boolean recordsOutcomes() {
        return reachability != null;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        CompletableFuture<RpcResult> result = Invoker.invokeSafely(invoker, invocation);
        if (reachability != null) {
            result.whenComplete((answer, failure) -> record(failure));
        }
        return result;
    }

    /** The endpoint's invoker: the lease decorates it. */
    @Override
    public Invoker unwrap() {
        return invoker;
    }

    @Override
    public boolean available() {
        return invoker.available();
    }

    @Override
    public boolean available(MethodDescriptor method) {
        return invoker.available(method);
    }

    /** Gives the lease back; idempotent. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return "EndpointLease(" + endpoint + ")";
    }
}
