package io.courier.transport;

import io.courier.api.ServiceKey;
import io.courier.protocol.ServiceResolver;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services a {@link TransportServer} serves, added and removed at run time (e.g. while an
 * application exports its services). Lookups are one map read. Thread-safe.
 */
public final class ServiceTable implements ServiceResolver<ServiceExport> {

    private final ConcurrentHashMap<String, ServiceExport> services = new ConcurrentHashMap<>();

    /**
     * Serves {@code service} from now on.
     *
     * @throws IllegalStateException if a service with the same key is already served
     */
    public void add(ServiceExport service) {
        Objects.requireNonNull(service, "service");
        ServiceExport previous = services.putIfAbsent(service.key().toString(), service);
        if (previous != null) {
            throw new IllegalStateException("service: " + service.key() + " (expected: exported once)");
        }
    }

    /** Stops serving {@code key}; returns the service, or {@code null} if it was not served. */
    public ServiceExport remove(ServiceKey key) {
        return services.remove(key.toString());
    }

    /** Every service served now, in no particular order; a snapshot. */
    public List<ServiceExport> all() {
        return List.copyOf(services.values());
    }

    @Override
    public ServiceExport find(String serviceKey) {
        return services.get(serviceKey);
    }
}
