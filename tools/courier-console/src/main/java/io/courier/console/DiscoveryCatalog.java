package io.courier.console;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.bootstrap.Courier;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The console's listing on a registry that offers discovery only (Eureka, mDNS: no store, so no catalog):
 * the services the operator named ({@code --services}), their providers as the console's own Courier
 * application discovers them (subscribed on the first ask, then followed), and no consumers, which such a
 * registry does not announce. Thread-safe.
 */
final class DiscoveryCatalog implements RegistryCatalog {

    private final Courier courier;
    private final List<ServiceKey> services;

    DiscoveryCatalog(Courier courier, List<ServiceKey> services) {
        this.courier = courier;
        this.services = services.stream()
                .distinct()
                .sorted(Comparator.comparing(ServiceKey::toString))
                .toList();
    }

    @Override
    public List<ServiceKey> services() {
        return services;
    }

    @Override
    public List<ServiceInstance> providers(ServiceKey serviceKey) {
        return courier.providers(Objects.requireNonNull(serviceKey, "serviceKey"));
    }

    @Override
    public List<RegisteredConsumer> consumers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        return List.of();
    }
}
