package io.courier.protocol.serialization;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the classes a service's values can contain: parameter, result and declared exception
 * types, and, for the application's own classes, the types of their instance fields and the
 * permitted subclasses of sealed types, transitively. JDK classes are collected where they are
 * named but not looked into. Runs once per service at start-up.
 */
final class ReachableTypes {

    private final Set<String> names = new HashSet<>();
    private final Set<Class<?>> visited = new HashSet<>();
    // a type variable's bound may name the variable again (T extends Message<T>): each is walked once
    private final Set<TypeVariable<?>> visitedVariables = new HashSet<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();

    static Set<String> of(ServiceDescriptor service) {
        return walk(service).names;
    }

    /** The classes {@link #of(ServiceDescriptor)} names, sorted by name. */
    static List<Class<?>> classesOf(ServiceDescriptor service) {
        List<Class<?>> classes = new ArrayList<>(walk(service).visited);
        classes.sort(Comparator.comparing(Class::getName));
        return classes;
    }

    private static ReachableTypes walk(ServiceDescriptor service) {
        ReachableTypes walk = new ReachableTypes();
        for (MethodDescriptor method : service.methods()) {
            for (int i = 0; i < method.parameterCount(); i++) {
                walk.type(method.genericParameterType(i));
            }
            walk.type(method.resultType());
            if (method.method() != null) {
                for (Type exception : method.method().getGenericExceptionTypes()) {
                    walk.type(exception);
                }
            }
        }
        walk.drain();
        return walk;
    }

    static Set<String> of(Class<?> type) {
        ReachableTypes walk = new ReachableTypes();
        walk.type(type);
        walk.drain();
        return walk.names;
    }

    private void type(Type type) {
        if (type instanceof Class<?> cls) {
            klass(cls);
        } else if (type instanceof ParameterizedType parameterized) {
            type(parameterized.getRawType());
            for (Type argument : parameterized.getActualTypeArguments()) {
                type(argument);
            }
        } else if (type instanceof GenericArrayType array) {
            type(array.getGenericComponentType());
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                type(bound);
            }
            for (Type bound : wildcard.getLowerBounds()) {
                type(bound);
            }
        } else if (type instanceof TypeVariable<?> variable && visitedVariables.add(variable)) {
            for (Type bound : variable.getBounds()) {
                type(bound);
            }
        }
    }

    private void klass(Class<?> cls) {
        while (cls.isArray()) {
            cls = cls.getComponentType();
        }
        if (cls.isPrimitive() || !visited.add(cls)) {
            return;
        }
        names.add(cls.getName());
        if (!isJdk(cls.getName())) {
            pending.add(cls);
        }
    }

    private void drain() {
        while (!pending.isEmpty()) {
            Class<?> cls = pending.poll();
            for (Class<?> c = cls; c != null && !isJdk(c.getName()); c = c.getSuperclass()) {
                klass(c);
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                        type(field.getGenericType());
                    }
                }
            }
            if (cls.isSealed()) {
                for (Class<?> permitted : cls.getPermittedSubclasses()) {
                    klass(permitted);
                }
            }
        }
    }

    private static boolean isJdk(String name) {
        return name.startsWith("java.")
                || name.startsWith("javax.")
                || name.startsWith("jdk.")
                || name.startsWith("sun.")
                || name.startsWith("com.sun.");
    }
}
