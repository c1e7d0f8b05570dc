package io.courier.cluster;

/** The state of one circuit breaker. */
public enum CircuitState {
    /** Calls pass; their outcomes fill the sliding window. */
    CLOSED,
    /** Calls fail fast with {@code CIRCUIT_OPEN} until the wait in the open state has passed. */
    OPEN,
    /** A few probe calls pass; their outcomes decide between {@link #CLOSED} and {@link #OPEN}. */
    HALF_OPEN
}
