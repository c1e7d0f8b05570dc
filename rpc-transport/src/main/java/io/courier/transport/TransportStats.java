package io.courier.transport;

/**
 * Read-only gauges of a transport, for metrics. Values are sampled on each call, without locking,
 * and may be slightly stale under load. Thread-safe.
 */
public interface TransportStats {

    /** Connections open now. */
    int openConnections();

    /**
     * Calls in flight now: on a client, two-way calls waiting for their responses; on a server,
     * accepted calls not yet answered.
     */
    int inFlight();
}
