package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.serialization.ClassAllowList;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The classes one service registers with Fory, each under its own name, so that two sides built from
 * different versions of the interface agree on every class both know. The list is what the
 * service's interface reaches ({@link ClassAllowList#reachableClasses}): the application's concrete
 * classes, enums and records, sorted by name, plus the exception data every service may carry. JDK
 * classes are left to Fory's own registrations; interfaces, abstract classes and exceptions (carried
 * as {@link ThrowableData}) are not registered.
 */
record ForyTypes(List<Class<?>> classes) {

    static ForyTypes of(ServiceDescriptor service) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : ClassAllowList.reachableClasses(service)) {
            if (registered(type)) {
                classes.add(type);
            }
        }
        classes.add(ThrowableData.class);
        classes.sort(Comparator.comparing(Class::getName));
        return new ForyTypes(List.copyOf(classes));
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
