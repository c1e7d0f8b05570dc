package io.courier.transport.internal.executor;

import io.courier.api.MethodDescriptor;
import io.courier.transport.ServiceExport;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link CallPlacement} of every method a server has run, created on a method's first call.
 * Keyed by the descriptor's identity (a descriptor belongs to one export). Thread-safe.
 */
public final class CallPlacements {

    private final ConcurrentHashMap<MethodDescriptor, CallPlacement> placements = new ConcurrentHashMap<>();

    public CallPlacements() {}

    public CallPlacement of(ServiceExport service, MethodDescriptor method) {
        CallPlacement placement = placements.get(method);
        if (placement == null) {
            placement =
                    placements.computeIfAbsent(method, m -> new CallPlacement(service.key() + "#" + m.descriptor()));
        }
        return placement;
    }
}
