package io.courier.config.live;

import java.util.concurrent.CompletableFuture;

/** A second service on the same providers, for circuit breaking. */
public interface Flaky {

    /** The provider's name, {@code millis} later. */
    CompletableFuture<String> slow(long millis);
}
