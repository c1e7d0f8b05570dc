package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code zookeeper} store: the documents and registrations of {@code zookeeper://host:port[,host:port...]}
 * under the registry root, in the layout the {@link ZooKeeperRegistry} uses. The default
 * {@link RegistryStoreFactory}. Stateless and thread-safe.
 */
@Extension("zookeeper")
public final class ZooKeeperStoreFactory implements RegistryStoreFactory {

    @Override
    public RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return ZooKeeperStore.connect(options, ZooKeeperRegistryFactory.connectString(options.address()));
    }
}
