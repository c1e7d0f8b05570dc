package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import java.util.ArrayList;
import java.util.List;

/**
 * rpc-bootstrap's keys, for the {@link io.courier.api.config.ConfigKeyRegistry}: the application,
 * server, client, wire, registry and service keys, and the circuit breakers' options. Registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}.
 */
public final class BootstrapKeyCatalog implements ConfigKeyCatalog {

    /** For {@link java.util.ServiceLoader}. */
    public BootstrapKeyCatalog() {}

    @Override
    public List<ConfigKey<?>> keys() {
        List<ConfigKey<?>> keys = new ArrayList<>();
        keys.addAll(ApplicationKeys.keys());
        keys.addAll(ServerKeys.keys());
        keys.addAll(ClientKeys.keys());
        keys.addAll(WireKeys.keys());
        keys.addAll(RegistryKeys.keys());
        keys.addAll(ServiceKeys.keys());
        keys.addAll(BreakerKeys.keys());
        keys.addAll(SettingsKeys.keys());
        return List.copyOf(keys);
    }
}
