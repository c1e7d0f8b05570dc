package io.courier.grpc.client;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import java.util.Map;

/**
 * Registers servers that are not Courier's in a ZooKeeper registry, as a deployment registers a service
 * it did not write in Courier: an entry per server, with the metadata that says how to call it.
 */
final class Registrar implements AutoCloseable {

    private final Registry registry;

    Registrar(String connectString) {
        this.registry = ExtensionLoader.of(RegistryFactory.class)
                .get("zookeeper")
                .create(RegistryOptions.builder("zookeeper://" + connectString).build());
    }

    /** Lists a server of {@code key} on {@code port} of 127.0.0.1 with {@code metadata}. */
    void register(ServiceKey key, int port, Map<String, String> metadata) {
        registry.register(ServiceInstance.builder(key, Endpoint.of("127.0.0.1", port))
                .application("not-courier")
                .metadata(metadata)
                .build());
    }

    @Override
    public void close() throws Exception {
        registry.close();
    }
}
