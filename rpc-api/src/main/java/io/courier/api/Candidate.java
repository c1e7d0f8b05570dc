package io.courier.api;

/**
 * A provider instance that a call may go to, as routers and load balancers see it: its registered
 * {@link ServiceInstance} and the live statistics of calls to it. Implemented by the cluster layer.
 */
public interface Candidate {

    /** What the provider registered (address, weight, tags, warm-up). */
    ServiceInstance instance();

    /** Calls to this instance that have been sent and not yet answered. */
    int inFlight();

    /** An exponentially weighted moving average of recent call latencies, in nanoseconds; 0 if none. */
    long averageLatencyNanos();
}
