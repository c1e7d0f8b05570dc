package io.courier.cluster.internal;

import io.courier.api.Endpoint;
import io.courier.api.EndpointHealth;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import io.courier.cluster.CircuitBreakerOptions;
import io.courier.cluster.CircuitState;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The circuit breakers of one provider endpoint, one per method, as its {@link InstanceCandidate}
 * consults them: before a call (admit it, or refuse it with {@code CIRCUIT_OPEN}, not executed),
 * after it (its outcome, classified by {@link EndpointHealth#breakerFailure()}), and when the
 * cluster asks whether the endpoint is available for a method. Made by
 * {@link io.courier.cluster.CircuitBreakers#forEndpoint} when the endpoint joins the directory.
 * Thread-safe.
 */
public final class EndpointBreakers {

    /** Told about every state change of one of the breakers, under that breaker's lock. */
    @FunctionalInterface
    public interface Transitions {
        void onTransition(MethodDescriptor method, CircuitState from, CircuitState to, String why);
    }

    /** What {@link #tryAcquire} returns for a call an open circuit refuses. */
    static final long REFUSED = CircuitBreaker.REFUSED;

    private final CircuitBreaker[] breakers;
    private final boolean[] businessExceptionsFail;
    private final String[] refusals;

    /**
     * @param options the options of each method of {@code methods}, by its index
     */
    public EndpointBreakers(
            ServiceKey serviceKey,
            Endpoint instance,
            List<MethodDescriptor> methods,
            CircuitBreakerOptions[] options,
            Transitions transitions) {
        this.breakers = new CircuitBreaker[methods.size()];
        this.businessExceptionsFail = new boolean[methods.size()];
        this.refusals = new String[methods.size()];
        for (MethodDescriptor method : methods) {
            int i = method.index();
            breakers[i] = new CircuitBreaker(
                    options[i], (breaker, from, to, why) -> transitions.onTransition(method, from, to, why));
            businessExceptionsFail[i] = options[i].businessExceptionsFail();
            refusals[i] = "circuit open for " + serviceKey + "#" + method.descriptor() + " on " + instance;
        }
    }

    /** Takes new thresholds, {@code options} by method index (see {@link CircuitBreaker#reconfigure}). */
    public void reconfigure(CircuitBreakerOptions[] options) {
        for (int i = 0; i < breakers.length; i++) {
            breakers[i].reconfigure(options[i]);
        }
    }

    /** Whether the method at {@code index} has a breaker here (a call built elsewhere may not). */
    boolean covers(int index) {
        return index >= 0 && index < breakers.length;
    }

    /** Admits a call of the method at {@code index}: the generation to report with, or {@link #REFUSED}. */
    long tryAcquire(int index, long nowNanos) {
        return breakers[index].tryAcquire(nowNanos);
    }

    /** The answer to a call the open circuit of the method at {@code index} refused. */
    CompletableFuture<RpcResult> refuse(int index) {
        return CompletableFuture.failedFuture(new CircuitOpenException(refusals[index]));
    }

    /** Reports the outcome of a call admitted in {@code generation}. */
    void onOutcome(int index, long generation, long nowNanos, long durationNanos, RpcResult result, Throwable failure) {
        breakers[index].onOutcome(
                generation, nowNanos, durationNanos, failed(result, failure, businessExceptionsFail[index]));
    }

    /**
     * Whether {@code method}'s breaker could admit a call now: {@code false} while it is open and its
     * open period has not ended (and while half open with every probe handed out), so that the cluster
     * prefers another instance and a tagged call falls back to untagged ones instead of collecting
     * {@code CIRCUIT_OPEN}.
     */
    boolean admits(MethodDescriptor method, long nowNanos) {
        int index = method.index();
        return !covers(index) || breakers[index].admits(nowNanos);
    }

    /** The state of {@code method}'s breaker on this endpoint. */
    public CircuitState state(MethodDescriptor method) {
        return breakers[method.index()].state();
    }

    /**
     * Whether an outcome speaks against the endpoint's health: framework failures that mean the
     * endpoint did not answer properly, never refusals by policy (rate limits, auth, deadlines):
     * {@link EndpointHealth#breakerFailure()}; a business exception only when configured so.
     */
    static boolean failed(RpcResult result, Throwable failure, boolean businessExceptionsFail) {
        if (failure == null) {
            return businessExceptionsFail && result != null && result.hasException();
        }
        return EndpointHealth.of(failure).breakerFailure();
    }
}
