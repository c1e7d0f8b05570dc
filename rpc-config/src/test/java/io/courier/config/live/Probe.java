package io.courier.config.live;

import io.courier.api.Idempotent;
import java.util.concurrent.CompletableFuture;

/** A service whose providers say who they are and can be made slow. */
public interface Probe {

    /** The provider's name. */
    String who();

    /** The provider's name, {@code millis} later (no provider thread waits meanwhile). */
    CompletableFuture<String> slow(long millis);

    /** As {@link #slow}, safe to retry; each provider counts the attempts of each {@code callId}. */
    @Idempotent
    CompletableFuture<String> retryableSlow(long millis, String callId);
}
