package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code kubernetes} store: not offered. It is registered so that a tool pointed at a {@code
 * kubernetes://} address (the console, courier-admin, the configuration centre) is told so in words
 * instead of "no extension named kubernetes".
 */
@Extension("kubernetes")
public final class KubernetesStoreFactory implements RegistryStoreFactory {

    /** Why there is no store, for the refusal and the docs. */
    static final String NOT_OFFERED = "the kubernetes registry offers discovery only: no configuration store, service"
            + " metadata or registry catalog (expected: a zookeeper:// or etcd:// address for the store; see"
            + " docs/registry.md, \"Registries and what they offer\")";

    @Override
    public RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        throw new UnsupportedOperationException("address: '" + options.address() + "': " + NOT_OFFERED);
    }
}
