package io.courier.grpc.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Map;

/**
 * The protobuf names of derived messages and enums: a class's simple name, a nested class's prefixed by
 * its enclosing classes' ({@code Order.Line} is {@code Order_Line}), a generic class's followed by its
 * type arguments ({@code Page<User>} is {@code PageOfUser}, {@code Page<Map<String, User>>} is
 * {@code PageOfMapOfStringAndUser}).
 */
final class Names {

    private Names() {}

    /** The name of {@code cls}. */
    static String of(Class<?> cls) {
        StringBuilder name = new StringBuilder(cls.getSimpleName());
        for (Class<?> outer = cls.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name.insert(0, outer.getSimpleName() + "_");
        }
        return name.toString();
    }

    /** The name of {@code cls} with its type variables bound as {@code bindings} says. */
    static String of(Class<?> cls, Map<TypeVariable<?>, Type> bindings) {
        TypeVariable<?>[] variables = cls.getTypeParameters();
        if (variables.length == 0) {
            return of(cls);
        }
        StringBuilder name = new StringBuilder(of(cls)).append("Of");
        for (int i = 0; i < variables.length; i++) {
            name.append(i > 0 ? "And" : "").append(argument(bindings.get(variables[i])));
        }
        return name.toString();
    }

    private static String argument(Type type) {
        if (type instanceof Class<?> cls) {
            if (cls.isArray()) {
                return argument(cls.getComponentType()) + "Array";
            }
            String name = of(cls);
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            StringBuilder name = new StringBuilder(of(raw)).append("Of");
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                name.append(i > 0 ? "And" : "").append(argument(arguments[i]));
            }
            return name.toString();
        }
        if (type instanceof GenericArrayType array) {
            return argument(array.getGenericComponentType()) + "Array";
        }
        throw new SchemaException(type + ": not a type argument a message can be named by");
    }
}
