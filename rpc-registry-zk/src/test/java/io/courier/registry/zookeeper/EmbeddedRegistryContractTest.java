package io.courier.registry.zookeeper;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;

/** The registry contract through the {@code embedded} extension (registries share its server). */
class EmbeddedRegistryContractTest extends RegistryContract {

    private final EmbeddedRegistryFactory factory = new EmbeddedRegistryFactory();

    @Override
    Registry newRegistry() {
        return factory.create(RegistryOptions.builder("embedded")
                .sessionTimeoutMillis(ZooKeeperTesting.SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(ZooKeeperTesting.CONNECTION_TIMEOUT_MILLIS)
                .build());
    }
}
