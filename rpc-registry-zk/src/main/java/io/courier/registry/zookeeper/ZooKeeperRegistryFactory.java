package io.courier.registry.zookeeper;

import io.courier.api.Endpoint;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.util.Objects;

/**
 * The {@code zookeeper} registry: a {@link ZooKeeperRegistry} connected to the ensemble of
 * {@code zookeeper://host:port[,host:port...]}. The default {@link RegistryFactory}. Stateless and
 * thread-safe.
 */
@Extension("zookeeper")
public final class ZooKeeperRegistryFactory implements RegistryFactory {

    static final String SCHEME = "zookeeper://";

    @Override
    public Registry create(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return new ZooKeeperRegistry(options, connectString(options.address()), () -> {});
    }

    /** {@code host:port[,host:port]} of a {@code zookeeper://} address, each server checked. */
    static String connectString(String address) {
        String expected = " (expected: zookeeper://host:port[,host:port...])";
        if (!address.startsWith(SCHEME) || address.length() == SCHEME.length()) {
            throw new IllegalArgumentException("address: '" + address + "'" + expected);
        }
        String servers = address.substring(SCHEME.length());
        for (String server : servers.split(",", -1)) {
            try {
                Endpoint.parse(server.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("address: '" + address + "'" + expected, e);
            }
        }
        return servers.replace(" ", "");
    }
}
