package io.courier.grpc.internal;

import io.courier.transport.ServiceExport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The gRPC methods of each exported service, worked out on a service's first call and kept. */
public final class GrpcServices {

    private final ConcurrentHashMap<ServiceExport, Map<String, GrpcMethod>> methods = new ConcurrentHashMap<>();

    /** The method {@code grpcName} of {@code service}, or {@code null} if it has none of that name. */
    GrpcMethod method(ServiceExport service, String grpcName) {
        return methods(service).get(grpcName);
    }

    /** Every method of {@code service}, by gRPC name. */
    Map<String, GrpcMethod> methods(ServiceExport service) {
        return methods.computeIfAbsent(service, s -> GrpcMethod.of(s.descriptor()));
    }
}
