package io.courier.proxy.internal;

import java.lang.reflect.Method;

/** Java source fragments for the javassist compiler, which knows no generics and no autoboxing. */
final class JavaSource {

    private JavaSource() {}

    /** The name javassist's compiler resolves: binary names, and {@code int[][]} for arrays. */
    static String typeName(Class<?> type) {
        return type.isArray() ? typeName(type.getComponentType()) + "[]" : type.getName();
    }

    /** {@code public R name(A p0, B p1) throws E, F }, without the body. */
    static String signature(Method method) {
        StringBuilder source = new StringBuilder("public ")
                .append(typeName(method.getReturnType()))
                .append(' ')
                .append(method.getName())
                .append('(');
        Class<?>[] parameters = method.getParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            if (i > 0) {
                source.append(", ");
            }
            source.append(typeName(parameters[i])).append(" p").append(i);
        }
        source.append(')');
        Class<?>[] exceptions = method.getExceptionTypes();
        for (int i = 0; i < exceptions.length; i++) {
            source.append(i == 0 ? " throws " : ", ").append(typeName(exceptions[i]));
        }
        return source.append(' ').toString();
    }

    /** {@code expression} of {@code type} as an {@code Object}. */
    static String toObject(Class<?> type, String expression) {
        return type.isPrimitive() ? Primitives.box(type, expression) : expression;
    }

    /** {@code expression}, an {@code Object}, as {@code type}. */
    static String fromObject(Class<?> type, String expression) {
        if (type.isPrimitive()) {
            return Primitives.unbox(type, expression);
        }
        return type == Object.class ? expression : "((" + typeName(type) + ") " + expression + ")";
    }
}
