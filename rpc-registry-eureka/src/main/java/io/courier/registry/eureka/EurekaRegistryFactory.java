package io.courier.registry.eureka;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code eureka} registry: a {@link EurekaRegistry} on the Eureka server of {@code
 * eureka://host:port[/path][?fetchMillis=n]} ({@link EurekaAddress}). Stateless and thread-safe.
 */
@Extension("eureka")
public final class EurekaRegistryFactory implements RegistryFactory {

    @Override
    public Registry create(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return new EurekaRegistry(options, EurekaAddress.parse(options.address()));
    }
}
