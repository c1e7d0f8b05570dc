package io.courier.cluster;

import io.courier.api.Endpoint;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceKey;
import io.courier.cluster.internal.EndpointBreakers;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers of one referenced service: one per provider endpoint and method. Their state
 * lives in the cluster's per-endpoint invoker, beside the endpoint's lease, reachability and
 * ejection: the wiring hands this object over with each endpoint's {@link EndpointLease}, and the
 * endpoint's invoker takes its breakers ({@link #forEndpoint}) when the endpoint joins the
 * directory. An open circuit fails a call at once with {@code CIRCUIT_OPEN}, marked not executed,
 * so the cluster's failover moves on to another instance, and the reference's fallback answers when
 * none is left; while it is open the endpoint is unavailable for that method.
 *
 * <p>State changes are logged (opening at WARN, the rest at INFO), counted
 * ({@link #transitions(CircuitState)}) and passed to a {@link Listener} (the wiring counts them in
 * {@code courier.circuit.transitions} when metrics are enabled). Thread-safe.
 */
public final class CircuitBreakers {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakers.class);

    /** Told about every state change; called under the breaker's lock, so it must be quick. */
    @FunctionalInterface
    public interface Listener {
        void onTransition(MethodDescriptor method, Endpoint instance, CircuitState from, CircuitState to);
    }

    private final ServiceKey serviceKey;
    private final List<MethodDescriptor> methods;
    private final Listener listener;
    private final Map<CircuitState, LongAdder> transitions = new EnumMap<>(CircuitState.class);
    /** The endpoints' breakers made so far, for live thresholds; weakly held. Guarded by itself. */
    private final Map<EndpointBreakers, Boolean> made = new WeakHashMap<>();

    private volatile CircuitBreakerOptions[] options;

    private CircuitBreakers(
            ServiceKey serviceKey, List<MethodDescriptor> methods, CircuitBreakerOptions[] options, Listener listener) {
        this.serviceKey = serviceKey;
        this.methods = List.copyOf(methods);
        this.options = options;
        this.listener = listener;
        for (CircuitState state : CircuitState.values()) {
            transitions.put(state, new LongAdder());
        }
    }

    /**
     * The breakers of the service {@code serviceKey} whose methods are {@code methods}, each with the
     * options {@code options} gives for it.
     */
    public static CircuitBreakers of(
            ServiceKey serviceKey,
            List<MethodDescriptor> methods,
            Function<MethodDescriptor, CircuitBreakerOptions> options,
            Listener listener) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(listener, "listener");
        return new CircuitBreakers(serviceKey, methods, byIndex(methods, options), listener);
    }

    private static CircuitBreakerOptions[] byIndex(
            List<MethodDescriptor> methods, Function<MethodDescriptor, CircuitBreakerOptions> options) {
        CircuitBreakerOptions[] byIndex = new CircuitBreakerOptions[methods.size()];
        for (MethodDescriptor method : methods) {
            byIndex[method.index()] = Objects.requireNonNull(options.apply(method), "options of " + method);
        }
        return byIndex;
    }

    /**
     * New thresholds for every method, applied to the breakers made so far and to those made later;
     * the window type and size of existing breakers stay as they were made.
     */
    public void reconfigure(Function<MethodDescriptor, CircuitBreakerOptions> next) {
        CircuitBreakerOptions[] updated = byIndex(methods, next);
        options = updated;
        synchronized (made) {
            made.keySet().forEach(breakers -> breakers.reconfigure(updated));
        }
    }

    /**
     * Fresh breakers, one per method, for the endpoint {@code instance}; made once per endpoint, when
     * it joins the directory, and kept for its life.
     */
    public EndpointBreakers forEndpoint(Endpoint instance) {
        Objects.requireNonNull(instance, "instance");
        EndpointBreakers breakers = new EndpointBreakers(
                serviceKey,
                instance,
                methods,
                options,
                (method, from, to, why) -> onTransition(method, instance, from, to, why));
        synchronized (made) {
            made.put(breakers, Boolean.TRUE);
        }
        return breakers;
    }

    /** How many times a breaker of this service has entered {@code state}. */
    public long transitions(CircuitState state) {
        return transitions.get(state).sum();
    }

    private void onTransition(
            MethodDescriptor method, Endpoint instance, CircuitState from, CircuitState to, String why) {
        transitions.get(to).increment();
        String target = serviceKey + "#" + method.descriptor() + " on " + instance;
        if (to == CircuitState.OPEN) {
            log.warn("Circuit {} -> {} for {}: {}", from, to, target, why);
        } else {
            log.info("Circuit {} -> {} for {}: {}", from, to, target, why);
        }
        try {
            listener.onTransition(method, instance, from, to);
        } catch (RuntimeException e) {
            log.warn("A circuit transition listener of {} failed", serviceKey, e);
        }
    }
}
