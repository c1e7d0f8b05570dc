package io.courier.registry.etcd;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code etcd} store: the documents and registrations of {@code etcd://host:port[,host:port...]}
 * under the registry root, in the key layout the {@link EtcdRegistry} uses, so that the configuration
 * centre, the console and {@code courier-admin} work on etcd as on ZooKeeper. Stateless and
 * thread-safe.
 */
@Extension("etcd")
public final class EtcdStoreFactory implements RegistryStoreFactory {

    @Override
    public RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return EtcdStore.connect(options, EtcdRegistryFactory.endpoints(options.address()));
    }
}
