package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.protocol.ClassAllowList;
import io.courier.protocol.internal.ThrowableData;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The classes one service registers with Fory, each under its own name, so that two sides built from
 * different versions of the interface agree on every class both know. The list is what the
 * service's interface reaches ({@link ClassAllowList#reachableClasses}): the application's concrete
 * classes, enums and records, sorted by name, plus the exception data every service may carry. JDK
 * classes are left to Fory's own registrations; interfaces, abstract classes and exceptions (carried
 * as {@link ThrowableData}) are not registered. The open types are those through which a value of an
 * unregistered class may arrive; a service with none can have fory chosen for it by default.
 */
record ForyTypes(List<Class<?>> classes, List<Class<?>> openTypes) {

    static ForyTypes of(ServiceDescriptor service) {
        List<Class<?>> classes = new ArrayList<>();
        List<Class<?>> open = new ArrayList<>();
        for (Class<?> type : ClassAllowList.reachableClasses(service)) {
            if (registered(type)) {
                classes.add(type);
            }
            if (open(type)) {
                open.add(type);
            }
        }
        classes.add(ThrowableData.class);
        classes.sort(Comparator.comparing(Class::getName));
        return new ForyTypes(List.copyOf(classes), List.copyOf(open));
    }

    /**
     * A type whose values may be of classes the interface does not name, so not registered:
     * {@code Object} (type variables included), and interfaces and abstract classes other than the
     * JDK's collections and maps (their elements are walked on their own), the JDK's stream types
     * and sealed types (their permitted subclasses are registered). Exceptions travel as exception
     * data, whatever their class.
     */
    private static boolean open(Class<?> type) {
        if (type == Object.class) {
            return true;
        }
        if (!(type.isInterface() || Modifier.isAbstract(type.getModifiers()))
                || type.isSealed()
                || Throwable.class.isAssignableFrom(type)) {
            return false;
        }
        return !(Collection.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type)
                || type.getName().startsWith("java.util.concurrent.Flow$"));
    }

    private static boolean registered(Class<?> type) {
        String name = type.getName();
        if (name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.")) {
            return false;
        }
        if (Throwable.class.isAssignableFrom(type)) {
            return false;
        }
        return type.isEnum() || !(type.isInterface() || Modifier.isAbstract(type.getModifiers()));
    }
}
