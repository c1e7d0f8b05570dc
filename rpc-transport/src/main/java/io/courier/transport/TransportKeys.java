package io.courier.transport;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;

/**
 * The keys of the server's limits that the transport's own refusals name (SERVER_BUSY tells the caller
 * which key to raise). rpc-bootstrap reads them into {@link TransportOptions} and its catalog lists them
 * with its server keys, so {@code docs/configuration.md} shows them in their place.
 */
public final class TransportKeys {

    /** Threads of the provider's business pool. */
    public static final ConfigKey<Integer> SERVER_THREADS = ConfigKey.of(
            "courier.server.threads",
            ValueType.integer(1, 10_000),
            200,
            "200",
            "Threads of the provider's business pool (services exported with executor pool).");
    /** Calls that may wait for a pool thread. */
    public static final ConfigKey<Integer> SERVER_QUEUE_CAPACITY = ConfigKey.of(
            "courier.server.queue-capacity",
            ValueType.integer(0, 1_000_000),
            256,
            "256",
            "Calls that may wait for a pool thread; beyond it calls are refused with SERVER_BUSY, not executed.");
    /** Streams one connection may keep open at once. */
    public static final ConfigKey<Integer> SERVER_STREAMS_MAX_PER_CONNECTION = ConfigKey.of(
            "courier.server.streams.max-per-connection",
            ValueType.integer(1, 1_000_000),
            1_000,
            "1000",
            "Streams one connection may keep open at once; an open past it is refused with SERVER_BUSY, not executed (docs/streaming.md).");

    private TransportKeys() {}
}
