package io.courier.registry.mdns;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code mdns} store: not offered. It is registered so that a tool pointed at an {@code mdns://}
 * address (the console, courier-admin, the configuration centre) is told so in words instead of "no
 * extension named mdns".
 */
@Extension("mdns")
public final class MdnsStoreFactory implements RegistryStoreFactory {

    /** Why there is no store, for the refusal, the start-up log and the docs. */
    static final String NOT_OFFERED = "the mdns registry offers discovery only: multicast DNS carries short"
            + " records that live as long as their announcer, with no server to keep documents or arbitrate"
            + " between processes, so there is no configuration store, service metadata, registry catalog or"
            + " coordination (expected: a zookeeper:// or etcd:// address for these; see docs/registry.md,"
            + " \"Registries and what they offer\")";

    @Override
    public RegistryStore open(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        throw new UnsupportedOperationException("address: '" + options.address() + "': " + NOT_OFFERED);
    }
}
