package io.courier.architecture.planted;

import io.courier.transport.internal.channel.Backoff;

/** Planted: a class outside rpc-transport that uses its {@code .internal} package. */
public class UsesTransportInternals {
    public Backoff backoff() {
        return new Backoff(1, 2, 0);
    }
}
