package io.courier.console;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.bootstrap.admin.AdminServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The registry as the page shows it: provider rows with the state the service's configuration gives
 * them, and the consumers, read from the registry's {@link RegistryCatalog} (its store's, or on a registry
 * that offers discovery only the {@link DiscoveryCatalog}). Blocking; thread-safe.
 */
final class RegistryView {

    /** One row of the services list. */
    record ServiceRow(String key, String group, String interfaceName, String version, int providers, int consumers) {}

    /**
     * A provider as the console shows it; {@code configuredWeight} is null when none is configured,
     * {@code admin} empty when the instance names no admin endpoint.
     */
    record ProviderRow(
            String address,
            String application,
            List<String> tags,
            int registeredWeight,
            Integer configuredWeight,
            String state,
            long startedAtMillis,
            String admin) {}

    /** A consumer's registry client. */
    record ConsumerRow(String id, String application, String host, long pid) {}

    private final RegistryCatalog catalog;

    RegistryView(RegistryCatalog catalog) {
        this.catalog = catalog;
    }

    /** The services the registry lists, sorted. */
    List<ServiceKey> services() {
        return catalog.services();
    }

    /** The providers of {@code key} the registry lists now, sorted by endpoint. */
    List<ServiceInstance> providers(ServiceKey key) {
        return catalog.providers(key);
    }

    /** The services-list row of {@code key}. */
    ServiceRow row(ServiceKey key, int providers) {
        return new ServiceRow(
                key.toString(),
                key.group(),
                key.interfaceName(),
                key.version(),
                providers,
                catalog.consumers(key).size());
    }

    /** The providers as the page shows them, their state from {@code config} (the service's document). */
    static List<ProviderRow> providers(List<ServiceInstance> instances, DynamicConfig config, long nowMillis) {
        List<ProviderRow> rows = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            Integer configured = config.weights().get(instance.endpoint());
            rows.add(new ProviderRow(
                    instance.endpoint().toString(),
                    instance.application(),
                    List.copyOf(new TreeSet<>(instance.tags())),
                    instance.weight(),
                    configured,
                    state(instance, config, configured, nowMillis),
                    instance.startedAtMillis(),
                    AdminFetch.address(instance.metadata().get(AdminServer.METADATA_KEY))
                            .orElse("")));
        }
        rows.sort(Comparator.comparing(ProviderRow::address));
        return rows;
    }

    List<ConsumerRow> consumers(ServiceKey key) {
        List<ConsumerRow> rows = new ArrayList<>();
        for (RegisteredConsumer consumer : catalog.consumers(key)) {
            rows.add(new ConsumerRow(consumer.id(), consumer.application(), consumer.host(), consumer.pid()));
        }
        rows.sort(Comparator.comparing(ConsumerRow::application).thenComparing(ConsumerRow::id));
        return rows;
    }

    private static String state(ServiceInstance instance, DynamicConfig config, Integer configured, long now) {
        if (config.disabled().contains(instance.endpoint())) {
            return "offline";
        }
        if (configured != null && configured == 0) {
            return "drained";
        }
        if (instance.warmupMillis() > 0 && now < instance.startedAtMillis() + instance.warmupMillis()) {
            return "warming up";
        }
        return "online";
    }
}
