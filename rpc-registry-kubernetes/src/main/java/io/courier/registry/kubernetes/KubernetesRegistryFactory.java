package io.courier.registry.kubernetes;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code kubernetes} registry: a {@link KubernetesRegistry} on the API server of {@code
 * kubernetes://[host:port][/namespace]} ({@link KubernetesAddress}). Stateless and thread-safe.
 */
@Extension("kubernetes")
public final class KubernetesRegistryFactory implements RegistryFactory {

    @Override
    public Registry create(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return new KubernetesRegistry(options, KubernetesAddress.parse(options.address()));
    }
}
