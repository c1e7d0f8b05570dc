package io.courier.transport;

import io.courier.api.ServiceKey;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ServiceResolver} over services added and removed at run time, e.g. while an
 * application exports its services. Thread-safe.
 */
public final class ServiceTable implements ServiceResolver {

    private final ConcurrentHashMap<String, ExportedService> services = new ConcurrentHashMap<>();

    /**
     * Serves {@code service} from now on.
     *
     * @throws IllegalStateException if a service with the same key is already served
     */
    public void add(ExportedService service) {
        Objects.requireNonNull(service, "service");
        ExportedService previous = services.putIfAbsent(service.key().toString(), service);
        if (previous != null) {
            throw new IllegalStateException("service: " + service.key() + " (expected: not exported twice)");
        }
    }

    /** Stops serving {@code key}; returns the service, or {@code null} if it was not served. */
    public ExportedService remove(ServiceKey key) {
        return services.remove(key.toString());
    }

    @Override
    public ExportedService resolve(String serviceKey) {
        return services.get(serviceKey);
    }
}
