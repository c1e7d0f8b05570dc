package io.courier.api.store;

import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionPoint;

/**
 * Opens a {@link RegistryStore} on a registry's backing store; an extension point. The extension
 * name is the scheme of {@link RegistryOptions#address()}, as for {@link io.courier.api.registry.RegistryFactory}
 * ({@code zookeeper} for {@code zookeeper://host:2181}), so a registry module that offers a store
 * registers both factories under the same name in {@code META-INF/services}.
 *
 * <p>Implementations are singletons (see {@link io.courier.spi.Extension}) and must be thread-safe.
 * The caller owns each returned store and must close it.
 */
@ExtensionPoint(defaultName = "zookeeper")
public interface RegistryStoreFactory {

    /**
     * Connects to the store described by {@code options} ({@link RegistryOptions#address()},
     * {@link RegistryOptions#root()}, {@link RegistryOptions#digestAuth()} and the timeouts; a store
     * ignores the options that concern registrations only, such as the cache file). Unlike {@link
     * io.courier.api.registry.RegistryFactory#create}, this waits for the connection: the store's users are
     * tools that have nothing to do without it.
     *
     * @throws IllegalArgumentException if the address does not fit this factory's scheme
     * @throws StoreException if the store cannot be reached within {@link
     *     RegistryOptions#connectionTimeoutMillis()}; the message names the address and the wait
     */
    RegistryStore open(RegistryOptions options);
}
