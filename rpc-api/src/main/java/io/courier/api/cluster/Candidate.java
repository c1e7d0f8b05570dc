package io.courier.api.cluster;

import io.courier.api.DynamicConfig;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import java.util.function.BiConsumer;

/**
 * A provider instance that a call may go to, as routers, load balancers and cluster strategies see
 * it: what it registered, how to call it, its current weight and the live statistics of calls to
 * it. Implemented by the cluster layer (and by tests, on plain values).
 *
 * <p>Every method is cheap and non-blocking: load balancers call them on every call. A candidate's
 * identity is its {@link ServiceInstance#endpoint()}; the cluster layer keeps one candidate object
 * per endpoint for as long as the endpoint is known, so its statistics survive provider-list and
 * configuration updates. Thread-safe.
 */
public interface Candidate {

    /** What the provider registered (address, weight, tags, warm-up); never {@code null}. */
    ServiceInstance instance();

    /**
     * Sends calls to this instance. Calls made through this invoker are what {@link #inFlight()} and
     * {@link #averageLatencyNanos()} count; never {@code null}.
     */
    Invoker invoker();

    /**
     * Sends one call through {@link #invoker()} and hands its outcome to {@code whenDone}: the
     * result, or the failure (possibly wrapped in a {@link java.util.concurrent.CompletionException};
     * {@link RpcException#from} unwraps it). For cluster strategies, which act on each attempt's
     * outcome and need no future of their own for it; an implementation may skip the future its
     * invoker would make (the cluster layer's own candidates do). {@code whenDone} runs on the thread
     * that completes the call, or on this one when it fails at once.
     */
    default void invoke(Invocation invocation, BiConsumer<RpcResult, Throwable> whenDone) {
        Invoker.invokeSafely(invoker(), invocation).whenComplete(whenDone);
    }

    /**
     * The load-balancing weight now, 1 to 10,000: the configured weight (a {@link DynamicConfig}
     * override, else the registered {@link ServiceInstance#weight()}), ramped by
     * {@link #warmupWeight} while the instance warms up. It may change between two calls.
     */
    int weight();

    /** Calls to this instance that have been sent and not yet answered. */
    int inFlight();

    /**
     * An exponentially weighted moving average of the latencies of recent answered calls, in
     * nanoseconds; 0 while no call has been answered.
     */
    long averageLatencyNanos();

    /**
     * Whether calls should go to this instance now: {@code false} while the cluster layer has
     * ejected it after a connection-level failure, or while its invoker reports that the instance
     * cannot be reached ({@link Invoker#available()}). Load balancers need not check it; the cluster
     * avoids unavailable candidates as long as an available one is left.
     */
    default boolean available() {
        return true;
    }

    /**
     * Whether calls of {@code method} should go to this instance now: {@link #available()}, and its
     * invoker would not refuse the method at once ({@link Invoker#available(MethodDescriptor)}, e.g.
     * while the method's circuit breaker on this instance is open). The default is
     * {@link #available()}.
     */
    default boolean available(MethodDescriptor method) {
        return available();
    }

    /**
     * The weight of an instance {@code uptimeMillis} into a warm-up of {@code warmupMillis}: a
     * linear ramp from a tenth of {@code weight} at start-up to the full {@code weight} at the end
     * of the warm-up, never below 1. A negative uptime (the provider's clock is ahead of ours) counts
     * as zero; a {@code warmupMillis} of 0 means no warm-up.
     *
     * <pre>
     * weight(t) = max(1, weight * max(t, warmup / 10) / warmup)   for 0 &lt;= t &lt; warmup
     * weight(t) = weight                                          for t &gt;= warmup
     * </pre>
     *
     * The floor of a tenth keeps a starting instance from receiving no calls at all, which would
     * leave its caches and JIT cold until the very end of the warm-up.
     */
    static int warmupWeight(int weight, long uptimeMillis, long warmupMillis) {
        if (warmupMillis <= 0 || uptimeMillis >= warmupMillis) {
            return weight;
        }
        long elapsed = Math.max(Math.max(uptimeMillis, 0), warmupMillis / 10);
        // In double: weight × elapsed overflows a long for absurdly long warm-ups.
        long ramped = (long) ((double) weight * elapsed / warmupMillis);
        return (int) Math.max(1, ramped);
    }
}
