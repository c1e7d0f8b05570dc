package io.courier.api;

import java.util.List;

/**
 * The live list of provider instances of one service that a consumer may call: fixed (direct
 * addresses) or fed by a registry. Thread-safe; {@link #candidates()} is a snapshot.
 */
public interface Directory extends AutoCloseable {

    ServiceKey serviceKey();

    /** The current candidates with their invokers; an immutable snapshot. */
    List<? extends Candidate> candidates();

    /** Closes the connections and subscriptions this directory opened. */
    @Override
    void close();
}
