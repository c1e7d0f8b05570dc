package io.courier.transport.internal.client;

import io.courier.api.Endpoint;
import io.courier.transport.ReconnectPolicy;
import io.courier.transport.internal.channel.Backoff;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The pools the tests make: on no particular loop, each slot connected by the same connector. */
final class EndpointPools {

    private EndpointPools() {}

    /** Connects on demand only, on the system clock. */
    static EndpointPool of(
            Endpoint endpoint, int size, Backoff backoff, Supplier<CompletableFuture<ClientConnection>> connector) {
        return of(endpoint, size, backoff, connector, System::nanoTime);
    }

    /** Connects on demand only, on {@code clock}. */
    static EndpointPool of(
            Endpoint endpoint,
            int size,
            Backoff backoff,
            Supplier<CompletableFuture<ClientConnection>> connector,
            LongSupplier clock) {
        return of(endpoint, size, backoff, null, null, ReconnectPolicy.defaults(), connector, clock);
    }

    /** With background reconnects on {@code timer} and connects through {@code queue}. */
    static EndpointPool of(
            Endpoint endpoint,
            int size,
            Backoff backoff,
            Timer timer,
            ConnectQueue queue,
            ReconnectPolicy policy,
            Supplier<CompletableFuture<ClientConnection>> connector,
            LongSupplier clock) {
        return new EndpointPool(endpoint, size, null, backoff, timer, queue, policy, slot -> connector.get(), clock);
    }
}
