package io.courier.filter.breaker;

import io.courier.api.Endpoint;
import io.courier.api.EndpointHealth;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcResult;
import io.courier.filter.Ticker;
import io.courier.filter.internal.Futures;
import java.util.concurrent.CompletableFuture;

/** One provider instance's invoker behind one circuit breaker per method. */
final class CircuitBreakerInvoker implements Invoker {

    private final Endpoint instance;
    private final Invoker next;
    private final Ticker ticker;
    private final CircuitBreaker[] breakers;
    private final boolean[] businessExceptionsFail;
    private final String[] refusals;

    CircuitBreakerInvoker(
            Endpoint instance,
            Invoker next,
            Ticker ticker,
            CircuitBreaker[] breakers,
            boolean[] businessExceptionsFail,
            String[] refusals) {
        this.instance = instance;
        this.next = next;
        this.ticker = ticker;
        this.breakers = breakers;
        this.businessExceptionsFail = businessExceptionsFail;
        this.refusals = refusals;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        int index = invocation.method().index();
        if (index >= breakers.length) {
            return next.invoke(invocation);
        }
        CircuitBreaker breaker = breakers[index];
        long start = ticker.nanoTime();
        long generation = breaker.tryAcquire(start);
        if (generation == CircuitBreaker.REFUSED) {
            return CompletableFuture.failedFuture(new CircuitOpenException(refusals[index]));
        }
        boolean businessFails = businessExceptionsFail[index];
        CompletableFuture<RpcResult> call = Invoker.invokeSafely(next, invocation);
        return Futures.whenDone(call, (result, failure) -> {
            long now = ticker.nanoTime();
            breaker.onOutcome(generation, now, now - start, failed(result, failure, businessFails));
        });
    }

    @Override
    public boolean available() {
        return next.available();
    }

    /**
     * Also {@code false} while {@code method}'s breaker is open and its open period has not ended:
     * the cluster then prefers another instance, and a tagged call falls back to untagged ones,
     * instead of collecting {@code CIRCUIT_OPEN}.
     */
    @Override
    public boolean available(MethodDescriptor method) {
        int index = method.index();
        if (index < breakers.length && !breakers[index].admits(ticker.nanoTime())) {
            return false;
        }
        return next.available(method);
    }

    /**
     * Whether an outcome speaks against the instance's health: framework failures that mean the
     * instance did not answer properly, never refusals by policy (rate limits, auth, deadlines):
     * {@link EndpointHealth#breakerFailure()}.
     */
    static boolean failed(RpcResult result, Throwable failure, boolean businessExceptionsFail) {
        if (failure == null) {
            return businessExceptionsFail && result != null && result.hasException();
        }
        return EndpointHealth.of(failure).breakerFailure();
    }

    /** The state of {@code method}'s breaker on this instance. */
    CircuitState state(MethodDescriptor method) {
        return breakers[method.index()].state();
    }

    Endpoint instance() {
        return instance;
    }

    @Override
    public String toString() {
        return "CircuitBreakerInvoker(" + instance + ")";
    }
}
