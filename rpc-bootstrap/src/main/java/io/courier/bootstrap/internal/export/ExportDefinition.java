package io.courier.bootstrap.internal.export;

import io.courier.api.Export;
import io.courier.api.ServiceKey;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.CourierOptions;
import io.courier.bootstrap.internal.config.AnnotationOptions;
import io.courier.bootstrap.internal.config.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service to export, resolved and validated: the interface, the implementation, the key and
 * the options (annotation over explicit options over configuration).
 *
 * @param serviceInterface the service interface
 * @param implementation the object that serves calls
 * @param key the service key it is exported under
 * @param options how it is exported
 */
public record ExportDefinition(
        Class<?> serviceInterface, Object implementation, ServiceKey key, ServiceOptions options) {

    /**
     * Resolves one implementation. Its interface is {@link Export#value()}, or the single interface the
     * class implements.
     *
     * @param explicit options given in code with the implementation, or {@code null}
     * @throws ConfigurationException naming the class if the interface cannot be determined
     */
    public static ExportDefinition of(Object implementation, ServiceOptions explicit, Settings settings) {
        Class<?> type = implementation.getClass();
        Export export = type.getAnnotation(Export.class);
        Class<?> serviceInterface = serviceInterface(type, export);
        ServiceOptions options =
                explicit != null ? explicit : CourierOptions.providerDefaults(settings, serviceInterface.getName());
        if (export != null) {
            options = AnnotationOptions.apply(export, options, "@Export on " + type.getName());
        }
        ServiceKey key = ServiceKey.of(options.group(), serviceInterface, options.version());
        return new ExportDefinition(serviceInterface, implementation, key, options);
    }

    /**
     * Checks that no two definitions share a service key.
     *
     * @throws ConfigurationException naming each duplicated key and its classes
     */
    static void checkUnique(List<ExportDefinition> definitions) {
        Map<ServiceKey, ExportDefinition> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ExportDefinition definition : definitions) {
            ExportDefinition previous = seen.putIfAbsent(definition.key(), definition);
            if (previous != null) {
                problems.add("service " + definition.key() + " is exported twice, by "
                        + previous.implementation().getClass().getName() + " and "
                        + definition.implementation().getClass().getName()
                        + " (expected: one export per service key; give one a different group or version)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    private static Class<?> serviceInterface(Class<?> type, Export export) {
        if (export != null && export.value() != void.class) {
            Class<?> declared = export.value();
            if (!declared.isInterface() || !declared.isAssignableFrom(type)) {
                throw new ConfigurationException("@Export on " + type.getName() + ": value = " + declared.getName()
                        + " (expected: an interface that " + type.getSimpleName() + " implements)");
            }
            return declared;
        }
        List<Class<?>> interfaces = implemented(type);
        if (interfaces.size() != 1) {
            throw new ConfigurationException(type.getName() + " implements "
                    + (interfaces.isEmpty() ? "no interface" : "the interfaces " + interfaces)
                    + ", itself or through its superclasses (expected: exactly one, or @Export(SomeService.class)"
                    + " naming the service interface)");
        }
        return interfaces.get(0);
    }

    /**
     * The interfaces declared in the {@code implements} clause of {@code type}, or, when it declares
     * none, of its nearest superclass that does: {@code class V extends InMemoryUserService} implements
     * {@code UserService} through its superclass, while a class (or a JDK proxy) that declares its
     * interface itself is not charged with what its superclasses add ({@code Proxy}'s {@code Serializable}).
     */
    private static List<Class<?>> implemented(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getInterfaces().length > 0) {
                return List.of(c.getInterfaces());
            }
        }
        return List.of();
    }
}
