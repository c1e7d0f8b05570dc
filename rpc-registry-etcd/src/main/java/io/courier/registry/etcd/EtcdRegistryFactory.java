package io.courier.registry.etcd;

import io.courier.api.Endpoint;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code etcd} registry: an {@link EtcdRegistry} connected to the cluster of {@code
 * etcd://host:port[,host:port...]} (plain-text gRPC, etcd's client port). Stateless and thread-safe.
 */
@Extension("etcd")
public final class EtcdRegistryFactory implements RegistryFactory {

    static final String SCHEME = "etcd://";

    @Override
    public Registry create(RegistryOptions options) {
        Objects.requireNonNull(options, "options");
        return new EtcdRegistry(options, endpoints(options.address()));
    }

    /** The {@code http://host:port} gRPC targets of an {@code etcd://} address, each server checked. */
    static List<String> endpoints(String address) {
        String expected = " (expected: etcd://host:port[,host:port...])";
        if (!address.startsWith(SCHEME) || address.length() == SCHEME.length()) {
            throw new IllegalArgumentException("address: '" + address + "'" + expected);
        }
        List<String> endpoints = new ArrayList<>();
        for (String server : address.substring(SCHEME.length()).split(",", -1)) {
            try {
                endpoints.add("http://" + Endpoint.parse(server.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("address: '" + address + "'" + expected, e);
            }
        }
        return List.copyOf(endpoints);
    }
}
