package io.courier.grpc.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Java's generic types as a schema needs them: type variables replaced by their bindings (a class's own,
 * and those its generic superclasses are given), and the container a declared collection or map type is
 * read into.
 */
final class JavaTypes {

    private JavaTypes() {}

    static Supplier<Object> collection(Class<?> raw, String where) {
        if (raw.isAssignableFrom(ArrayList.class)) {
            return ArrayList::new;
        }
        if (raw.isAssignableFrom(LinkedHashSet.class)) {
            return LinkedHashSet::new;
        }
        if (raw.isAssignableFrom(TreeSet.class) && (raw == SortedSet.class || raw == NavigableSet.class)
                || raw == TreeSet.class) {
            return TreeSet::new;
        }
        if (raw == LinkedList.class) {
            return LinkedList::new;
        }
        throw new SchemaException(where + ": " + raw.getName()
                + " (expected: List, Collection, Set, SortedSet or one of ArrayList, LinkedList, HashSet, TreeSet)");
    }

    static Supplier<Object> map(Class<?> raw, String where) {
        if (raw.isAssignableFrom(LinkedHashMap.class)) {
            return LinkedHashMap::new;
        }
        if (raw == SortedMap.class || raw == NavigableMap.class || raw == TreeMap.class) {
            return TreeMap::new;
        }
        throw new SchemaException(
                where + ": " + raw.getName() + " (expected: Map, SortedMap or one of HashMap, LinkedHashMap, TreeMap)");
    }

    /** {@code type} with its type variables replaced by {@code bindings}, so that it names no variable. */
    static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings, String where) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            if (bound == null) {
                throw new SchemaException(where + ": type variable " + variable.getName()
                        + " is not known (expected: a generic class used with its type arguments, as Page<User>)");
            }
            return bound;
        }
        if (type instanceof WildcardType wildcard) {
            Type[] upper = wildcard.getUpperBounds();
            if (wildcard.getLowerBounds().length > 0 || upper.length != 1 || upper[0] == Object.class) {
                throw new SchemaException(where + ": " + type.getTypeName() + " (expected: ? extends a type)");
            }
            return resolve(upper[0], bindings, where);
        }
        if (type instanceof ParameterizedType parameterized && !bindings.isEmpty()) {
            Type[] arguments = parameterized.getActualTypeArguments().clone();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = resolve(arguments[i], bindings, where);
            }
            return new Parameterized((Class<?>) parameterized.getRawType(), arguments);
        }
        if (type instanceof GenericArrayType array && !bindings.isEmpty()) {
            Type component = resolve(array.getGenericComponentType(), bindings, where);
            return component instanceof Class<?> cls ? cls.arrayType() : type;
        }
        return type;
    }

    /** {@code bindings} plus the type arguments {@code cls} gives its generic superclasses. */
    static Map<TypeVariable<?>, Type> inheritedBindings(Class<?> cls, Map<TypeVariable<?>, Type> bindings) {
        Map<TypeVariable<?>, Type> all = new HashMap<>(bindings);
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getGenericSuperclass() instanceof ParameterizedType parent) {
                TypeVariable<?>[] variables = ((Class<?>) parent.getRawType()).getTypeParameters();
                Type[] arguments = parent.getActualTypeArguments();
                for (int i = 0; i < variables.length; i++) {
                    all.put(variables[i], resolve(arguments[i], all, c.getName()));
                }
            }
        }
        return all;
    }

    /** A parameterized type of resolved arguments, named as the JDK names its own. */
    private record Parameterized(Class<?> raw, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return raw.getDeclaringClass();
        }

        @Override
        public String getTypeName() {
            StringBuilder name = new StringBuilder(raw.getName()).append('<');
            for (int i = 0; i < arguments.length; i++) {
                name.append(i > 0 ? ", " : "").append(arguments[i].getTypeName());
            }
            return name.append('>').toString();
        }
    }
}
