package io.courier.registry.eureka;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code eureka} store: not offered. It is registered so that a tool pointed at an {@code
 * eureka://} address (the console, courier-admin, the configuration centre) is told so in words
 * instead of "no extension named eureka".
 */
@Extension("eureka")
public final class EurekaStoreFactory implements RegistryStoreFactory {

    /** Why there is no store, for the refusal, the start-up log and the docs. */
    static final String NOT_OFFERED = "the eureka registry offers discovery only: Eureka keeps instances and"
            + " their metadata, not documents, so there is no configuration store, service metadata, registry"
            + " catalog or coordination (expected: a zookeeper:// or etcd:// address for these; see"
            + " docs/registry.md, \"Registries and what they offer\")";

    @Override
    public RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        throw new UnsupportedOperationException("address: '" + options.address() + "': " + NOT_OFFERED);
    }
}
