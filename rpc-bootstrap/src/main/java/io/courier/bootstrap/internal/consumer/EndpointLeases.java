package io.courier.bootstrap.internal.consumer;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.cluster.CircuitBreakers;
import io.courier.cluster.EndpointLease;
import io.courier.cluster.Reachability;
import io.courier.transport.CallOptions;
import io.courier.transport.CallProtocol;
import io.courier.transport.CallProtocolContext;
import io.courier.transport.TransportClient;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the directories that use each provider endpoint, so that the connections to an endpoint
 * are shared by every reference to a service on it and closed when the last one lets go (when the
 * provider leaves the registry, or the references close). An instance of another framework (its
 * {@link ServiceInstance#callProtocol()} is not Courier's) is leased from that protocol's {@link
 * CallProtocol} instead of Courier's client. Closing closes the call protocols. Thread-safe.
 */
public final class EndpointLeases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EndpointLeases.class);

    private final TransportClient client;
    private final Reachability reachability;
    private final CallProtocols callProtocols;
    /**
     * The leases on each endpoint, by the protocol it is called by: a provider whose port serves gRPC
     * beside Courier's protocol may be leased by both, on connections of each.
     */
    private final Map<Leased, Integer> leases = new HashMap<>();
    /** The call protocol of each leased endpoint called by another protocol than Courier's. */
    private final Map<Leased, CallProtocol> foreign = new HashMap<>();

    /** An endpoint as one protocol calls it. */
    private record Leased(String protocol, Endpoint endpoint) {}

    public EndpointLeases(
            TransportClient client, Reachability reachability, Supplier<CallProtocolContext> callProtocolContext) {
        this.client = client;
        this.reachability = reachability;
        this.callProtocols = new CallProtocols(callProtocolContext);
    }

    /**
     * As {@link #lease(Endpoint, CallOptions, CallOptions, LiveTimeout, CircuitBreakers, boolean)} for
     * {@code instance}: through Courier's client, or through the call protocol the instance names.
     */
    public Invoker lease(
            ServiceInstance instance,
            CallOptions callOptions,
            CallOptions whileNotReady,
            LiveTimeout timeout,
            CircuitBreakers breakers,
            boolean trackReachability) {
        if (!CallProtocols.foreign(instance)) {
            return lease(instance.endpoint(), callOptions, whileNotReady, timeout, breakers, trackReachability);
        }
        Endpoint endpoint = instance.endpoint();
        CallProtocol protocol;
        try {
            protocol = callProtocols.get(instance.callProtocol());
        } catch (RpcException e) {
            log.warn("Provider {} of {} cannot be called: {}", endpoint, instance.serviceKey(), e.getMessage());
            return new Uncallable(e);
        }
        Leased leased = new Leased(instance.callProtocol(), endpoint);
        Invoker invoker;
        synchronized (leases) {
            invoker = protocol.invoker(endpoint, callOptions, timeout != null ? timeout : callOptions::timeoutMillis);
            leases.merge(leased, 1, Integer::sum);
            foreign.put(leased, protocol);
        }
        return new EndpointLease(endpoint, invoker, null, breakers, () -> release(leased));
    }

    /**
     * An invoker for {@code endpoint} that holds a lease on the endpoint's connections until it is
     * closed, and hands the cluster's per-endpoint invoker the reference's circuit {@code breakers}
     * ({@code null} when off). The per-endpoint invoker unwraps the lease: nothing of this class is on
     * a call's path. Only registry-fed directories record reachability ({@code trackReachability}).
     */
    public Invoker lease(
            Endpoint endpoint, CallOptions callOptions, CircuitBreakers breakers, boolean trackReachability) {
        return lease(endpoint, callOptions, null, breakers, trackReachability);
    }

    /** As {@link #lease(Endpoint, CallOptions, CircuitBreakers, boolean)}, each call waiting as long as {@code timeout} says. */
    public Invoker lease(
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
    public Invoker lease(
            Endpoint endpoint,
            CallOptions callOptions,
            CallOptions whileNotReady,
            LiveTimeout timeout,
            CircuitBreakers breakers,
            boolean trackReachability) {
        Leased leased = new Leased(ServiceInstance.COURIER_PROTOCOL, endpoint);
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
            leases.merge(leased, 1, Integer::sum);
        }
        return new EndpointLease(
                endpoint, invoker, trackReachability ? reachability : null, breakers, () -> release(leased));
    }

    private Invoker invoker(Endpoint endpoint, CallOptions callOptions, LiveTimeout timeout) {
        return timeout == null ? client.invoker(endpoint, callOptions) : client.invoker(endpoint, callOptions, timeout);
    }

    private void release(Leased leased) {
        synchronized (leases) {
            int left = leases.merge(leased, -1, Integer::sum);
            if (left <= 0) {
                leases.remove(leased);
                CallProtocol protocol = foreign.remove(leased);
                // Only starts closing the channels: cheap enough to hold the lock.
                if (protocol != null) {
                    protocol.closeEndpoint(leased.endpoint());
                } else {
                    client.closeEndpoint(leased.endpoint());
                    reachability.forget(leased.endpoint());
                }
            }
        }
    }

    /** Closes the call protocols made for other frameworks' providers. */
    @Override
    public void close() {
        callProtocols.close();
    }

    /** The invoker of an instance no protocol on the class path can call: never available. */
    private record Uncallable(RpcException why) implements Invoker {
        @Override
        public CompletableFuture<RpcResult> invoke(Invocation invocation) {
            return CompletableFuture.failedFuture(why);
        }

        @Override
        public boolean available() {
            return false;
        }
    }
}
