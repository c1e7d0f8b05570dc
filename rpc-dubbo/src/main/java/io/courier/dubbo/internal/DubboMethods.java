package io.courier.dubbo.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a service's method from what a Dubbo request names it by: the method's name and Dubbo's
 * descriptor of its parameter types (JVM descriptors run together, {@code Ljava/lang/String;J}).
 */
final class DubboMethods {

    private final Map<ServiceDescriptor, Map<String, MethodDescriptor>> tables = new ConcurrentHashMap<>();

    /** The method, or {@code null} when the service has none of that name and parameter types. */
    MethodDescriptor find(ServiceDescriptor service, String name, String parameterDescriptor) {
        return tables.computeIfAbsent(service, DubboMethods::table)
                .get(name + "(" + (parameterDescriptor == null ? "" : parameterDescriptor));
    }

    private static Map<String, MethodDescriptor> table(ServiceDescriptor service) {
        Map<String, MethodDescriptor> table = new HashMap<>();
        for (MethodDescriptor method : service.methods()) {
            StringBuilder key = new StringBuilder(method.name()).append('(');
            for (Class<?> type : method.parameterTypes()) {
                key.append(descriptor(type));
            }
            table.put(key.toString(), method);
        }
        return Map.copyOf(table);
    }

    /** The JVM's descriptor of {@code type}, as Dubbo writes it. */
    static String descriptor(Class<?> type) {
        if (type.isArray()) {
            return type.getName().replace('.', '/');
        }
        if (type.isPrimitive()) {
            return switch (type.getName()) {
                case "boolean" -> "Z";
                case "byte" -> "B";
                case "char" -> "C";
                case "short" -> "S";
                case "int" -> "I";
                case "long" -> "J";
                case "float" -> "F";
                case "double" -> "D";
                default -> "V";
            };
        }
        return "L" + type.getName().replace('.', '/') + ";";
    }
}
