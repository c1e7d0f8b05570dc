package io.courier.thrift.internal;

import io.courier.api.ServiceDescriptor;
import io.courier.thrift.internal.schema.ServiceShape;
import io.courier.transport.ServiceExport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Thrift side of a server's services: each exported service's schema (derived once per interface)
 * and the service keys each Thrift service name stands for. Thread-safe; filled as services are exported.
 */
public final class ThriftServices {

    private final Function<ServiceDescriptor, ServiceShape> derive;
    private final Map<ServiceDescriptor, ServiceShape> shapes = new ConcurrentHashMap<>();
    /** The service keys of each Thrift service name (one, unless versions or groups of it are exported). */
    private final Map<String, Set<String>> keys = new ConcurrentHashMap<>();

    /** @param derive the schema of a service, as the IDL the admin endpoint serves describes it */
    public ThriftServices(Function<ServiceDescriptor, ServiceShape> derive) {
        this.derive = derive;
    }

    /** The schema of {@code service}, derived on first use. */
    public ServiceShape shape(ServiceDescriptor service) {
        return shapes.computeIfAbsent(service, derive);
    }

    /** Notes an exported service, so that callers may name it. */
    public void add(ServiceExport service) {
        String name = shape(service.descriptor()).name();
        // a set read by the event loops: replaced, never changed in place
        keys.merge(name, Set.of(service.key().toString()), (known, added) -> {
            Set<String> union = new TreeSet<>(known);
            union.addAll(added);
            return Set.copyOf(union);
        });
    }

    /** The keys of the services called {@code name}; empty when none. */
    Set<String> keys(String name) {
        return keys.getOrDefault(name, Set.of());
    }

    /** Every Thrift service name, with its keys, for a function named without its service. */
    List<Map.Entry<String, Set<String>>> all() {
        return new ArrayList<>(keys.entrySet());
    }
}
