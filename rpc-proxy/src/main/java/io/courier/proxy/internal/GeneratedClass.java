package io.courier.proxy.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * A generated class, cached per service interface, and the remote methods it was generated for,
 * by index. Any {@link ServiceDescriptor} of the same interface lists the same methods in the same
 * order; that is checked once per instance, never per call.
 */
record GeneratedClass(Constructor<?> constructor, List<String> descriptors) {

    static GeneratedClass of(Class<?> type, ServiceDescriptor service, Class<?>... parameterTypes) {
        try {
            return new GeneratedClass(
                    type.getConstructor(parameterTypes),
                    service.methods().stream().map(MethodDescriptor::descriptor).toList());
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("generated class " + type.getName() + " lacks its constructor", e);
        }
    }

    Class<?> type() {
        return constructor.getDeclaringClass();
    }

    /** A new instance for {@code service}, which must describe the interface this class serves. */
    Object newInstance(ServiceDescriptor service, Object... arguments) {
        List<MethodDescriptor> methods = service.methods();
        boolean same = methods.size() == descriptors.size();
        for (int i = 0; same && i < methods.size(); i++) {
            same = methods.get(i).descriptor().equals(descriptors.get(i));
        }
        if (!same) {
            throw new IllegalArgumentException("service: " + service + " (expected: the methods " + descriptors + ")");
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot instantiate " + type().getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type().getName(), e);
        }
    }
}
