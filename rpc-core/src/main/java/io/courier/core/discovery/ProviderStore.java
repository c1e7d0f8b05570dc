package io.courier.core.discovery;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a registry gives {@link ProviderDiscovery}: its store's provider watches and what the policy
 * asks about the store's connection. Implemented by each registry; called on any thread.
 *
 * @param <F> the registry's provider watch
 */
public interface ProviderStore<F extends ProviderFeed> {

    /**
     * Starts following the providers of {@code serviceKey}, for its first subscription; {@code
     * cacheFile} must receive every list the feed publishes. A registry that announces consumers
     * writes this client's announcement here. Runs under the discovery's lock.
     */
    F follow(ServiceKey serviceKey, Consumer<List<ServiceInstance>> cacheFile);

    /**
     * The last subscription of {@code serviceKey} closed; its feed is closed right after. A registry
     * that announces consumers withdraws the announcement here. Runs under the discovery's lock.
     */
    void unfollowed(ServiceKey serviceKey);

    /** Whether the store is reachable now. Fast and non-blocking. */
    boolean isConnected();

    /**
     * Whether the store was reachable at some time since the client started: a store once reached
     * and now lost will not answer soon, so new subscriptions get the cache at once. This default
     * answers false, for a store that cannot tell.
     */
    default boolean wasEverConnected() {
        return false;
    }
}
