package io.courier.bootstrap.internal.status;

import io.courier.api.Endpoint;
import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.api.registry.Registry;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.bootstrap.internal.provider.LeaderOnlyService;
import io.courier.bootstrap.internal.refer.ReferenceFactory;
import io.courier.bootstrap.status.CourierStatus;
import io.courier.transport.TransportClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link CourierStatus} from what the application holds, reading every piece through the
 * accessors its owner offers (the registrations, the leader elections, each reference's directory
 * and candidates, the client's connection pools); nothing here changes any of it.
 */
public final class StatusSnapshot {

    private StatusSnapshot() {}

    /** One reference as {@link Courier} holds it: its interface, its options and what was created. */
    public record Held(Class<?> serviceInterface, ReferenceOptions options, ReferenceFactory.Created created) {}

    /** The phase of an application that has or has not {@code started}, is {@code closing}, is {@code closed}. */
    public static CourierStatus.Phase phase(boolean started, boolean closing, boolean closed) {
        if (closed) {
            return CourierStatus.Phase.CLOSED;
        }
        if (closing) {
            return CourierStatus.Phase.STOPPING;
        }
        return started ? CourierStatus.Phase.SERVING : CourierStatus.Phase.STARTING;
    }

    public static CourierStatus of(
            String application,
            CourierStatus.Phase phase,
            Infrastructure infrastructure,
            boolean online,
            Collection<ServiceKey> exported,
            Collection<Held> references) {
        Registry registry = infrastructure.registry();
        boolean closed = phase == CourierStatus.Phase.STOPPING || phase == CourierStatus.Phase.CLOSED;
        CourierStatus.RegistryState state;
        if (registry == null) {
            state = CourierStatus.RegistryState.NONE;
        } else {
            state = !closed && registry.isConnected()
                    ? CourierStatus.RegistryState.CONNECTED
                    : CourierStatus.RegistryState.DISCONNECTED;
        }
        TransportClient client = infrastructure.startedClient();
        long now = System.currentTimeMillis();
        List<CourierStatus.ReferenceStatus> held = new ArrayList<>(references.size());
        for (Held reference : references) {
            ReferenceFactory.Created created = reference.created();
            List<CourierStatus.InstanceStatus> instances = new ArrayList<>();
            if (created.directory() != null) {
                List<MethodDescriptor> methods = methods(reference);
                for (Candidate candidate : created.directory().candidates()) {
                    instances.add(instance(candidate, client, methods, now));
                }
            }
            held.add(new CourierStatus.ReferenceStatus(
                    created.key(),
                    created.key().interfaceName(),
                    created.providers(),
                    created.direct(),
                    reference.options().required(),
                    instances));
        }
        return new CourierStatus(
                application,
                state,
                online,
                closed,
                List.copyOf(exported),
                held,
                phase,
                exports(infrastructure, exported, closed));
    }

    private static List<CourierStatus.ServiceStatus> exports(
            Infrastructure infrastructure, Collection<ServiceKey> keys, boolean closed) {
        Map<ServiceKey, LeaderOnlyService> leaderOnly = new HashMap<>();
        for (LeaderOnlyService service : infrastructure.leaderOnlyServices()) {
            leaderOnly.put(service.serviceKey(), service);
        }
        List<CourierStatus.ServiceStatus> exports = new ArrayList<>(keys.size());
        for (ServiceKey key : keys) {
            LeaderOnlyService leader = leaderOnly.get(key);
            CourierStatus.Registration registration =
                    infrastructure.registrations().state(key);
            if (registration == null) {
                // Published by no one now: a leader-only service that does not lead, one being
                // exported (not registered yet), or one stepped down for the shutdown.
                if (leader != null) {
                    registration = CourierStatus.Registration.FOLLOWER;
                } else {
                    registration = closed ? CourierStatus.Registration.WITHDRAWN : CourierStatus.Registration.PENDING;
                }
            }
            exports.add(new CourierStatus.ServiceStatus(
                    key, registration, leader == null ? "" : leader.group(), leader != null && leader.isLeading()));
        }
        return exports;
    }

    private static List<MethodDescriptor> methods(Held reference) {
        try {
            return ServiceDescriptor.of(
                            reference.serviceInterface(), reference.options().onewayMethods())
                    .methods();
        } catch (IllegalArgumentException e) {
            return List.of(); // the reference was created from it, so this does not happen
        }
    }

    /**
     * One candidate: the connection state from the client's pools; ejected when the candidate is
     * unavailable although connected (only the cluster's ejection makes it so); a method's breaker
     * open when the candidate is available but refuses that method.
     */
    static CourierStatus.InstanceStatus instance(
            Candidate candidate, TransportClient client, List<MethodDescriptor> methods, long nowMillis) {
        ServiceInstance instance = candidate.instance();
        Endpoint endpoint = instance.endpoint();
        CourierStatus.Connection connection;
        if (client == null) {
            connection = CourierStatus.Connection.CONNECTING;
        } else if (client.stats(endpoint).openConnections() > 0) {
            connection = CourierStatus.Connection.READY;
        } else if (client.demoted(endpoint)) {
            connection = CourierStatus.Connection.DEMOTED;
        } else if (!client.reachable(endpoint)) {
            connection = CourierStatus.Connection.UNREACHABLE;
        } else {
            connection = CourierStatus.Connection.CONNECTING;
        }
        boolean available = candidate.available();
        List<String> breakerOpen = new ArrayList<>();
        if (available) {
            for (MethodDescriptor method : methods) {
                if (!candidate.available(method)) {
                    breakerOpen.add(method.descriptor());
                }
            }
        }
        boolean warmingUp =
                instance.warmupMillis() > 0 && nowMillis - instance.startedAtMillis() < instance.warmupMillis();
        return new CourierStatus.InstanceStatus(
                endpoint,
                connection,
                !available && connection == CourierStatus.Connection.READY,
                breakerOpen,
                warmingUp,
                candidate.weight(),
                candidate.inFlight());
    }
}
