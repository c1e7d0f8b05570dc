package io.courier.bootstrap;

import io.courier.api.ServiceKey;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one application, for health checks and admin pages: whether its registry is
 * reachable, what it serves and how many providers each of its references has. Immutable.
 *
 * @param application {@code courier.application.name}
 * @param registry the registry's state
 * @param online whether the exported services are published ({@link Courier#isOnline()})
 * @param closed whether the application was closed
 * @param services the service keys exported, in the order they were exported
 * @param references one entry per distinct reference (interface and options), in the order created
 */
public record CourierStatus(
        String application,
        RegistryState registry,
        boolean online,
        boolean closed,
        List<ServiceKey> services,
        List<ReferenceStatus> references) {

    public CourierStatus {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(registry, "registry");
        services = List.copyOf(services);
        references = List.copyOf(references);
    }

    /** Whether a registry is configured and, if so, reachable. */
    public enum RegistryState {
        /** No registry is configured: references use direct addresses, exports are not published. */
        NONE,
        /** The registry reaches its backing store. */
        CONNECTED,
        /** The registry does not reach its backing store now (caches serve meanwhile), or it is closed. */
        DISCONNECTED
    }

    /**
     * One reference.
     *
     * @param serviceKey the service it calls
     * @param serviceInterface the interface's class name
     * @param providers how many provider instances it may call now
     * @param direct whether its providers are fixed addresses rather than the registry's list
     */
    public record ReferenceStatus(ServiceKey serviceKey, String serviceInterface, int providers, boolean direct) {}
}
