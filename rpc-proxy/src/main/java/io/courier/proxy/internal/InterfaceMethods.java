package io.courier.proxy.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sorts a service interface's methods into what a proxy sends, runs locally, or answers itself. */
final class InterfaceMethods {

    private InterfaceMethods() {}

    /**
     * Every abstract method a proxy must implement to call the invoker, once per distinct signature
     * and return type. {@code toString}, {@code hashCode} and {@code equals} are left out even when
     * the interface redeclares them: a proxy answers those itself.
     */
    static List<RemoteMethod> remote(Class<?> serviceInterface, ServiceDescriptor service) {
        List<RemoteMethod> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Method method : serviceInterface.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || isObjectMethod(method)) {
                continue;
            }
            String signature = MethodDescriptor.descriptorOf(method)
                    + method.getReturnType().getName();
            if (!seen.add(signature)) {
                continue;
            }
            MethodDescriptor descriptor = service.find(method);
            if (descriptor == null) {
                throw new IllegalStateException(
                        "no remote method " + MethodDescriptor.descriptorOf(method) + " in " + service);
            }
            result.add(new RemoteMethod(method, descriptor.index()));
        }
        return result;
    }

    /** Whether {@code method} is {@code toString()}, {@code hashCode()} or {@code equals(Object)}. */
    static boolean isObjectMethod(Method method) {
        return switch (method.getName()) {
            case "toString", "hashCode" -> method.getParameterCount() == 0;
            case "equals" -> method.getParameterCount() == 1 && method.getParameterTypes()[0] == Object.class;
            default -> false;
        };
    }
}
