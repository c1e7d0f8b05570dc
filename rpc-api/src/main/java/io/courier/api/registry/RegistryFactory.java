package io.courier.api.registry;

import io.courier.spi.ExtensionPoint;

/**
 * Creates {@link Registry} clients; an extension point. The extension name is the scheme of
 * {@link RegistryOptions#address()}: {@code zookeeper} for {@code zookeeper://host:2181,host:2182},
 * {@code embedded} for an in-process ZooKeeper on a free loopback port (development only).
 *
 * <p>Implementations are singletons (see {@link io.courier.spi.Extension}) and must be
 * thread-safe. The caller owns each returned registry and must close it.
 */
@ExtensionPoint(defaultName = "zookeeper", formerly = "io.courier.api.RegistryFactory")
public interface RegistryFactory {

    /**
     * Creates a registry client described by {@code options}. It connects in the background and
     * does not wait for the registry to be reachable, so that an application can start (and serve
     * from its cache file) while the registry is down.
     *
     * @throws IllegalArgumentException if the address does not fit this factory's scheme
     * @throws IllegalStateException if the registry cannot be set up (for example an unreadable
     *     cache file with {@link RegistryOptions#strictCacheFile()}); the message says why
     */
    Registry create(RegistryOptions options);
}
