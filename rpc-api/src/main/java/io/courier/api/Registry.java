package io.courier.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where providers announce themselves and consumers find them. Implementations survive losing
 * their backing store: registrations are restored after a reconnect or session loss, and
 * subscribers keep the last known providers while the store is unreachable. Thread-safe; closing
 * removes this process's registrations.
 */
public interface Registry extends AutoCloseable {

    /** Announces {@code instance}; retried in the background until it succeeds or the registry closes. */
    void register(ServiceInstance instance);

    /** Withdraws {@code instance}; a no-op if it was not registered. */
    void unregister(ServiceInstance instance);

    /**
     * Delivers the full provider list of {@code serviceKey} to {@code listener} now (if known) and on
     * every change, always as a complete snapshot. Calls for one subscription never overlap.
     *
     * @return a handle that stops the deliveries
     */
    AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener);

    /**
     * Delivers the dynamic configuration of {@code serviceKey} now (if any) and on every valid
     * change; invalid documents are logged and skipped.
     *
     * @return a handle that stops the deliveries
     */
    AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener);

    @Override
    void close();
}
