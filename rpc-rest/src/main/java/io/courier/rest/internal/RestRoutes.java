package io.courier.rest.internal;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.ServiceDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routes a REST client calls by, per interface, mapped once ({@link RestMapping}). An interface
 * the mapping refuses fails each of its calls with the mapping's words, not executed. Thread-safe.
 */
final class RestRoutes {

    private final Map<Class<?>, Object> byInterface = new ConcurrentHashMap<>();

    /**
     * The route of {@code method}.
     *
     * @throws RpcException {@code BAD_REQUEST}, not executed, when the method has no route (an interface
     *     the mapping refuses, an overloaded or stream method without annotations)
     */
    @SuppressWarnings("unchecked")
    Route of(MethodDescriptor method) {
        if (method.method() == null) {
            throw refused(method.name() + " has no interface to map (expected: a typed reference)");
        }
        Class<?> type = method.method().getDeclaringClass();
        Object mapped = byInterface.computeIfAbsent(type, RestRoutes::map);
        if (mapped instanceof String refusal) {
            throw refused(refusal);
        }
        Route route = ((Map<String, Route>) mapped).get(method.descriptor());
        if (route == null) {
            throw refused(method.name() + " of " + type.getName() + " has no REST route (expected: a verb annotation;"
                    + " an overloaded or stream method has no default route)");
        }
        return route;
    }

    private static Object map(Class<?> type) {
        try {
            List<Route> routes = RestMapping.of(ServiceDescriptor.of(type));
            Map<String, Route> byDescriptor = new HashMap<>();
            routes.forEach(route -> byDescriptor.put(route.method().descriptor(), route));
            return Map.copyOf(byDescriptor);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static RpcException refused(String message) {
        return new RpcException(ErrorCode.BAD_REQUEST, true, message, null);
    }
}
