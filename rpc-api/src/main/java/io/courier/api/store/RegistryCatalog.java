package io.courier.api.store;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;

/**
 * What a registry holds now, read on demand for operators: the services, their providers and their
 * consumers. Not a subscription: each call reads the store (use {@link io.courier.api.registry.Registry#subscribe}
 * to follow a provider list).
 *
 * <p>Errors: every method throws {@link StoreException} when the store cannot be reached or fails,
 * {@link NullPointerException} for a null argument, and {@link IllegalStateException} once its
 * {@link RegistryStore} is closed. An entry the store holds but that cannot be read (written by
 * something else, or by a newer format) is left out, not an error.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public interface RegistryCatalog {

    /** The services that have an entry in the registry (providers, consumers, configuration or metadata), sorted. */
    List<ServiceKey> services();

    /** The providers of {@code serviceKey} registered now, sorted by endpoint; empty if none. */
    List<ServiceInstance> providers(ServiceKey serviceKey);

    /** The consumers announced for {@code serviceKey} now, sorted by application, then id; empty if none. */
    List<RegisteredConsumer> consumers(ServiceKey serviceKey);
}
