package io.courier.api.cluster;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.util.List;

/**
 * The live list of provider instances of one service that a consumer may call, fixed (direct
 * addresses) or fed by a {@link Registry}, together with the service's {@link DynamicConfig}.
 *
 * <p>A directory is listenable: the cluster layer registers a listener and recomputes its routes
 * when either the candidates or the configuration change, instead of routing on every call.
 * Thread-safe; {@link #candidates()} and {@link #config()} return immutable snapshots.
 */
public interface Directory extends AutoCloseable {

    ServiceKey serviceKey();

    /**
     * The current candidates, one per provider endpoint, in a stable order; an immutable snapshot.
     * A candidate object stays the same for as long as its endpoint is listed.
     */
    List<? extends Candidate> candidates();

    /** The dynamic configuration in force; {@link DynamicConfig#EMPTY} when none was published. */
    DynamicConfig config();

    /**
     * Calls {@code listener} after every change of {@link #candidates()} or {@link #config()}, once
     * the change is visible through them. Listeners run on the thread that applied the change (a
     * registry event thread), one change at a time, and must not block. No call is made for the
     * state at registration: read it after registering.
     *
     * @return a handle whose {@code close()} removes the listener
     */
    AutoCloseable addListener(Runnable listener);

    /**
     * Stops the registry subscriptions and closes every per-instance invoker this directory created;
     * after that {@link #candidates()} is empty. Idempotent.
     */
    @Override
    void close();
}
