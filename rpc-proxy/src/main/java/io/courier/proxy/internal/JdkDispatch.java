package io.courier.proxy.internal;

import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * The jdk factory's {@link Dispatch}: one method handle per remote method, bound to the
 * implementation and adapted to {@code (Object[]) -> Object} once, when the dispatcher is created.
 * Handles are looked up through the interface, so a non-public implementation class works.
 */
public final class JdkDispatch implements Dispatch {

    private static final MethodType SPREAD = MethodType.methodType(Object.class, Object[].class);

    private final MethodHandle[] handles;

    private JdkDispatch(MethodHandle[] handles) {
        this.handles = handles;
    }

    /** A dispatch calling {@code implementation}, an instance of {@code service}'s interface. */
    public static Dispatch of(ServiceDescriptor service, Object implementation) {
        List<MethodDescriptor> methods = service.methods();
        MethodHandle[] handles = new MethodHandle[methods.size()];
        for (MethodDescriptor method : methods) {
            Class<?> declaring = method.method().getDeclaringClass();
            try {
                handles[method.index()] = Lookups.into(declaring)
                        .unreflect(method.method())
                        .bindTo(implementation)
                        .asSpreader(Object[].class, method.parameterCount())
                        .asType(SPREAD);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + method.method() + " from a dispatcher", e);
            }
        }
        return new JdkDispatch(handles);
    }

    @Override
    public Object call(int index, Invocation invocation) throws Throwable {
        return (Object) handles[index].invokeExact(invocation.arguments());
    }
}
