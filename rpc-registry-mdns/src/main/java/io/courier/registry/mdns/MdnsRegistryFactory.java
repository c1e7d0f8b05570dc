package io.courier.registry.mdns;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code mdns} registry: a {@link MdnsRegistry} on the network interface of {@code mdns://[address]}
 * ({@link MdnsAddress}; the loopback interface without an address). Stateless and thread-safe.
 */
@Extension("mdns")
public final class MdnsRegistryFactory implements RegistryFactory {

    @Override
    public Registry create(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return new MdnsRegistry(options, MdnsAddress.parse(options.address()));
    }
}
