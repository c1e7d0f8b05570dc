package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.protocol.ClassAllowList;
import io.courier.protocol.internal.ThrowableData;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The classes one service registers with Fory, in the order both sides register them, and a
 * fingerprint of them. The list is what the service's interface reaches ({@link
 * ClassAllowList#reachableClasses}): the application's concrete classes, enums and records, sorted
 * by name, plus the exception data every service may carry. JDK classes are left to Fory's own
 * registrations; interfaces, abstract classes and exceptions (carried as {@link ThrowableData}) are
 * not registered. The fingerprint covers each class's name and its fields' names and types, so two
 * sides built from different versions of a class are told apart before a value is read.
 */
record ForyTypes(List<Class<?>> classes, int fingerprint) {

    static ForyTypes of(ServiceDescriptor service) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> type : ClassAllowList.reachableClasses(service)) {
            if (registered(type)) {
                classes.add(type);
            }
        }
        classes.add(ThrowableData.class);
        classes.sort(Comparator.comparing(Class::getName));
        return new ForyTypes(List.copyOf(classes), fingerprint(classes));
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

    private static int fingerprint(List<Class<?>> classes) {
        CRC32C crc = new CRC32C();
        for (Class<?> type : classes) {
            update(crc, type.getName());
            // getDeclaredFields has no guaranteed order: sort, so that every JVM gets the same sum
            List<String> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        fields.add(c.getName()
                                + '.'
                                + field.getName()
                                + ':'
                                + field.getGenericType().getTypeName());
                    }
                }
            }
            fields.sort(null);
            fields.forEach(field -> update(crc, field));
        }
        return (int) crc.getValue();
    }

    private static void update(CRC32C crc, String text) {
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        crc.update(0);
    }
}
