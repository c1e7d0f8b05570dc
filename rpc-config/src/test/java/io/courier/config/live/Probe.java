package io.courier.config.live;

import io.courier.api.Idempotent;

/** A service whose providers say who they are and can be made slow. */
public interface Probe {

    /** The provider's name. */
    String who();

    /** The provider's name, after {@code millis}. */
    String sleep(long millis);

    /** As {@link #sleep}, safe to retry. */
    @Idempotent
    String retryableSleep(long millis);
}
