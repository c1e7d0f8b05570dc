package io.courier.bootstrap.status;

import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one application, for health checks and admin pages: where it is in its life,
 * whether its registry is reachable, what it serves and how each service is registered, and the
 * providers each of its references sees. Immutable. The admin endpoint ({@code /health/ready},
 * {@code /services}, {@code /references}) and the Spring Boot Actuator endpoint show this model.
 *
 * @param application {@code courier.application.name}
 * @param registry the registry's state
 * @param online whether the exported services are published ({@link io.courier.bootstrap.Courier#isOnline()})
 * @param closed whether the application was closed (or is closing)
 * @param services the service keys exported, in the order they were exported
 * @param references one entry per distinct reference (interface and options), in the order created
 * @param phase where the application is in its life
 * @param exports one entry per exported service, in the order of {@code services}
 */
public record CourierStatus(
        String application,
        RegistryState registry,
        boolean online,
        boolean closed,
        List<ServiceKey> services,
        List<ReferenceStatus> references,
        Phase phase,
        List<ServiceStatus> exports) {

    public CourierStatus {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(phase, "phase");
        services = List.copyOf(services);
        references = List.copyOf(references);
        exports = List.copyOf(exports);
    }

    /**
     * Whether the application should receive traffic (a Kubernetes readiness probe): it has started,
     * is not stopping, every exported service is registered (acknowledged by the registry, and not
     * switched offline), and every {@code required} reference has a provider listed. A registry that
     * is unreachable after registering does not count: consumers keep their cached lists, and an
     * outage of the registry must not take every instance out of service at once.
     */
    public Readiness readiness() {
        List<String> reasons = new ArrayList<>();
        switch (phase) {
            case STARTING -> reasons.add("starting: start() has not finished");
            case STOPPING -> reasons.add("stopping: the graceful shutdown is under way");
            case CLOSED -> reasons.add("closed");
            case SERVING -> {}
        }
        if (phase == Phase.SERVING && !online && !exports.isEmpty()) {
            reasons.add("offline: the services were switched offline");
        }
        for (ServiceStatus export : exports) {
            if (export.registration() == Registration.PENDING) {
                reasons.add(export.serviceKey() + ": the registry has not acknowledged its registration yet");
            }
        }
        for (ReferenceStatus reference : references) {
            if (reference.required() && reference.providers() == 0) {
                reasons.add(reference.serviceKey() + ": a required reference, and no provider is listed");
            }
        }
        return new Readiness(reasons.isEmpty(), reasons);
    }

    /** Where an application is in its life. */
    public enum Phase {
        /** {@code start()} is exporting, registering and creating references. */
        STARTING,
        /** {@code start()} has returned and {@code close()} has not been called. */
        SERVING,
        /** {@code close()} is under way: deregistered, draining calls. */
        STOPPING,
        /** Closed. */
        CLOSED
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

    /** The registry entry of one exported service. */
    public enum Registration {
        /** Published and acknowledged by the registry. */
        REGISTERED,
        /** Published, not yet acknowledged (the registry is unreachable, or slow). */
        PENDING,
        /** Withdrawn by the operator's offline switch; the service keeps serving. */
        OFFLINE,
        /** A leader-only service whose instance does not lead its group: deliberately not registered. */
        FOLLOWER,
        /** Withdrawn for good: the application is stopping. */
        WITHDRAWN,
        /** Not published: the application has no registry. */
        UNPUBLISHED
    }

    /**
     * The answer of {@link #readiness()}.
     *
     * @param ready whether the application should receive traffic
     * @param reasons why not, one sentence each; empty when ready
     */
    public record Readiness(boolean ready, List<String> reasons) {
        public Readiness {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * One exported service.
     *
     * @param serviceKey the service
     * @param registration its registry entry
     * @param leaderGroup the leader group it is exported with, or empty for none
     * @param leading whether this instance leads {@code leaderGroup} ({@code false} without one)
     */
    public record ServiceStatus(
            ServiceKey serviceKey, Registration registration, String leaderGroup, boolean leading) {}

    /**
     * One reference.
     *
     * @param serviceKey the service it calls
     * @param serviceInterface the interface's class name
     * @param providers how many provider instances it may call now
     * @param direct whether its providers are fixed addresses rather than the registry's list
     * @param required whether it was created {@code required} (readiness needs a provider)
     * @param instances the provider instances it sees, in the directory's order
     */
    public record ReferenceStatus(
            ServiceKey serviceKey,
            String serviceInterface,
            int providers,
            boolean direct,
            boolean required,
            List<InstanceStatus> instances) {

        public ReferenceStatus {
            instances = List.copyOf(instances);
        }
    }

    /** The connection state of a provider endpoint, as this application's client sees it. */
    public enum Connection {
        /** A connection is open. */
        READY,
        /** No connection yet; the first connect is under way or due. */
        CONNECTING,
        /** A connect failed or the connection was lost; reconnecting in the background. */
        UNREACHABLE,
        /** Refused connections for longer than {@code courier.client.stale-after-millis}: tried rarely. */
        DEMOTED
    }

    /**
     * One provider instance as a reference sees it.
     *
     * @param endpoint where it is called
     * @param connection the client's connection state
     * @param ejected whether the cluster took it out of routing after failures, though connected
     * @param breakerOpen the methods whose circuit breaker on this instance is open now
     * @param warmingUp whether it is inside its warm-up, taking a ramped share of calls
     * @param weight its load-balancing weight now (dynamic override and warm-up applied)
     * @param inFlight calls sent to it and not yet answered
     */
    public record InstanceStatus(
            Endpoint endpoint,
            Connection connection,
            boolean ejected,
            List<String> breakerOpen,
            boolean warmingUp,
            int weight,
            int inFlight) {

        public InstanceStatus {
            breakerOpen = List.copyOf(breakerOpen);
        }
    }
}
