package io.courier.core.discovery;

import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.function.Consumer;

/**
 * A registry's watch of one service's providers in its store, shared by the service's subscriptions
 * ({@link ProviderDiscovery} starts it for the first and closes it after the last). It turns the
 * store's events into complete lists: immutable, sorted by endpoint, never null.
 *
 * <p>Thread-safe. Sinks are called one at a time, in order, and must not block.
 */
public interface ProviderFeed extends AutoCloseable {

    /** Adds {@code sink}; it gets the current list at once if one is known, then every change. */
    void addSink(Consumer<List<ServiceInstance>> sink);

    /** Removes {@code sink}; a call already under way may still reach it. */
    void removeSink(Consumer<List<ServiceInstance>> sink);

    /** Stops following the store and forgets the list and the sinks, so that it holds no list. */
    @Override
    void close();
}
