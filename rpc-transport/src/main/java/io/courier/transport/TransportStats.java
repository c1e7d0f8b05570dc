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

    /**
     * Bytes written to connections and not yet taken by the operating system, over every connection.
     * A connection stops taking more once it holds more than its write-buffer high water mark (a
     * server connection stops reading requests), so this stays near the mark times the connections
     * even when peers stop reading.
     */
    long queuedOutboundBytes();
}
