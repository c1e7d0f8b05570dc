package io.courier.bootstrap.internal.registry;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A view of the application's registry that passes every call on; a subclass changes what it must
 * (how a subscription is made). Closing the view does nothing: the application owns and closes the
 * registry, not the directories handed a view of it.
 */
public abstract class RegistryView implements Registry {

    /** The registry this view passes calls to. */
    final Registry registry;

    RegistryView(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void register(ServiceInstance instance) {
        registry.register(instance);
    }

    @Override
    public CompletableFuture<Void> registration(ServiceInstance instance) {
        return registry.registration(instance);
    }

    @Override
    public void unregister(ServiceInstance instance) {
        registry.unregister(instance);
    }

    @Override
    public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        return registry.subscribe(serviceKey, listener);
    }

    @Override
    public AutoCloseable subscribe(
            ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
        return registry.subscribe(serviceKey, listener, reachable);
    }

    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        return registry.watchConfig(serviceKey, listener);
    }

    @Override
    public long rejectedConfigurations() {
        return registry.rejectedConfigurations();
    }

    @Override
    public boolean isConnected() {
        return registry.isConnected();
    }

    @Override
    public void close() {
        // The application's to close.
    }
}
