package io.courier.api;

import io.courier.spi.ExtensionPoint;

/**
 * Creates {@link Registry} clients. The extension name is the scheme of the registry address:
 * {@code zookeeper://host:2181,host:2182}, or {@code embedded} for an in-process ZooKeeper.
 */
@ExtensionPoint(defaultName = "zookeeper")
public interface RegistryFactory {

    /** Connects (lazily or eagerly) to the registry described by {@code options}. */
    Registry create(RegistryOptions options);
}
