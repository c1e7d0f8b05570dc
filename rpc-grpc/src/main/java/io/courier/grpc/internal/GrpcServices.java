package io.courier.grpc.internal;

import io.courier.api.ServiceKey;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.internal.schema.ServiceSchema;
import io.courier.transport.PortConnection;
import io.courier.transport.ServiceExport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The gRPC methods and protobuf schema of each exported service, worked out on first use and kept. Kept by
 * service key and checked by identity: a {@link ServiceExport} is a record whose hash walks its descriptor,
 * invoker and serializers, too much for every call; an export replaced under the same key is worked out
 * again.
 */
public final class GrpcServices {

    private final ConcurrentHashMap<ServiceKey, Known<Map<String, GrpcMethod>>> methods = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ServiceKey, Known<ServiceSchema>> schemas = new ConcurrentHashMap<>();

    /** What was worked out for {@code service}, this very export. */
    private record Known<T>(ServiceExport service, T value) {}

    /** Exported services by their {@link io.courier.grpc.GrpcService} names, and how many services that was of. */
    private volatile Aliases aliases = new Aliases(Map.of(), -1);

    private record Aliases(Map<String, ServiceExport> byName, int exported) {}

    /** The gRPC name of {@code service}. */
    static String name(ServiceExport service) {
        Class<?> type = service.descriptor().serviceInterface();
        return type != null ? GrpcNames.service(type) : GrpcNames.service(service.key());
    }

    /**
     * The service a call names: by its service key ({@code grpcName} as the interface, with the group
     * and version the metadata named), else by a {@link io.courier.grpc.GrpcService} name; {@code null}
     * when none. The names are looked over again only when the number of services changed.
     */
    ServiceExport find(PortConnection connection, String grpcName, ServiceKey key) {
        ServiceExport direct = connection.services().find(key.toString());
        if (direct != null) {
            return direct;
        }
        Aliases known = aliases;
        List<ServiceExport> exported = connection.exported();
        if (known.exported() != exported.size()) {
            Map<String, ServiceExport> byName = new HashMap<>();
            for (ServiceExport service : exported) {
                String name = name(service);
                if (!name.equals(service.key().interfaceName())) {
                    byName.put(
                            new ServiceKey(
                                            service.key().group(),
                                            name,
                                            service.key().version())
                                    .toString(),
                            service);
                }
            }
            known = new Aliases(Map.copyOf(byName), exported.size());
            aliases = known;
        }
        return known.byName().get(new ServiceKey(key.group(), grpcName, key.version()).toString());
    }

    /** The method {@code grpcName} of {@code service}, or {@code null} if it has none of that name. */
    GrpcMethod method(ServiceExport service, String grpcName) {
        return methods(service).get(grpcName);
    }

    /** Every method of {@code service}, by gRPC name. */
    Map<String, GrpcMethod> methods(ServiceExport service) {
        return known(methods, service, s -> GrpcMethod.of(s.descriptor(), schema(s)));
    }

    /** The protobuf schema of {@code service}: its messages, and the file reflection describes it by. */
    ServiceSchema schema(ServiceExport service) {
        return known(schemas, service, s -> ServiceSchema.of(name(s), s.descriptor()));
    }

    private static <T> T known(
            ConcurrentHashMap<ServiceKey, Known<T>> cache, ServiceExport service, Function<ServiceExport, T> work) {
        Known<T> known = cache.get(service.key());
        if (known == null || known.service() != service) {
            known = cache.compute(
                    service.key(),
                    (key, old) ->
                            old != null && old.service() == service ? old : new Known<>(service, work.apply(service)));
        }
        return known.value();
    }
}
