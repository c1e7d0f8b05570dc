package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code kubernetes} store: the configuration centre's documents on ConfigMaps and the catalog of
 * what the registry wrote, in the namespace of {@code kubernetes://[host:port][/namespace]} ({@link
 * KubernetesStore}). Stateless and thread-safe.
 */
@Extension("kubernetes")
public final class KubernetesStoreFactory implements RegistryStoreFactory {

    @Override
    public RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return KubernetesStore.open(options, KubernetesAddress.parse(options.address()));
    }
}
