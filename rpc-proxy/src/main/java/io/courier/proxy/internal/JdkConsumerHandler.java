package io.courier.proxy.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The jdk factory's consumer proxy: a {@link Proxy} whose handler finds, per call, the action built
 * for that method when the proxy was created (a remote call through {@link ConsumerCalls}, a
 * default method through a method handle bound once, or a local {@code Object} method). Behaves
 * exactly as a generated proxy does; the per-call map lookup and argument array are its price.
 */
public final class JdkConsumerHandler implements InvocationHandler {

    private static final Object[] NO_ARGUMENTS = {};

    /** What one proxy method does. */
    @FunctionalInterface
    private interface Action {
        Object run(Object proxy, Object[] arguments) throws Throwable;
    }

    private final Map<Method, Action> actions;

    private JdkConsumerHandler(Map<Method, Action> actions) {
        this.actions = actions;
    }

    /** A proxy of {@code serviceInterface} whose remote methods go to {@code calls}. */
    public static <T> T newProxy(Class<T> serviceInterface, ServiceDescriptor service, ConsumerCalls calls) {
        Map<Method, Action> actions = new HashMap<>();
        MethodDescriptor[] methods = calls.methods();
        for (RemoteMethod remote : InterfaceMethods.remote(serviceInterface, service)) {
            actions.put(remote.method(), remoteAction(remote.method(), methods[remote.index()], calls));
        }
        for (Method method : serviceInterface.getMethods()) {
            if (method.isDefault()) {
                actions.put(method, defaultAction(method));
            } else if (!Modifier.isStatic(method.getModifiers()) && InterfaceMethods.isObjectMethod(method)) {
                actions.put(method, objectAction(method, calls));
            }
        }
        for (Method method : Object.class.getMethods()) {
            if (InterfaceMethods.isObjectMethod(method)) {
                actions.put(method, objectAction(method, calls));
            }
        }
        Object proxy = Proxy.newProxyInstance(
                serviceInterface.getClassLoader(),
                new Class<?>[] {serviceInterface},
                new JdkConsumerHandler(Map.copyOf(actions)));
        return serviceInterface.cast(proxy);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        Action action = actions.get(method);
        if (action == null) {
            // Proxy only passes methods of the interface and Object, all of which are mapped.
            throw new IllegalStateException("no action for " + method);
        }
        return action.run(proxy, arguments);
    }

    private static Action remoteAction(Method method, MethodDescriptor descriptor, ConsumerCalls calls) {
        Class<?> returnType = method.getReturnType();
        if (returnType == void.class) {
            return (proxy, arguments) -> {
                calls.callVoid(descriptor, arguments);
                return null;
            };
        }
        if (returnType == CompletableFuture.class) {
            return (proxy, arguments) -> calls.callAsync(descriptor, arguments);
        }
        if (returnType == Flow.Publisher.class) {
            return (proxy, arguments) -> calls.callStream(descriptor, arguments);
        }
        if (returnType.isPrimitive()) {
            return (proxy, arguments) ->
                    ResultValues.checkPrimitive(calls.call(descriptor, arguments), returnType, descriptor);
        }
        return (proxy, arguments) -> calls.call(descriptor, arguments);
    }

    private static Action objectAction(Method method, ConsumerCalls calls) {
        return switch (method.getName()) {
            case "toString" -> (proxy, arguments) -> calls.describe(proxy);
            case "hashCode" -> (proxy, arguments) -> System.identityHashCode(proxy);
            default -> (proxy, arguments) -> proxy == arguments[0];
        };
    }

    /**
     * Runs the interface's own default method on the proxy, like {@code Iface.super.method()}:
     * through a handle bound once when the interface's package is open to Courier, else through
     * {@link InvocationHandler#invokeDefault}, which needs no access to the package.
     */
    private static Action defaultAction(Method method) {
        Class<?> declaring = method.getDeclaringClass();
        MethodHandles.Lookup lookup = Lookups.into(declaring);
        // Across modules (another class loader's unnamed module, say) a private lookup has no MODULE
        // access, but PRIVATE is all that invokespecial on the interface's own method needs.
        if ((lookup.lookupModes() & MethodHandles.Lookup.PRIVATE) == 0) {
            return (proxy, arguments) -> InvocationHandler.invokeDefault(proxy, method, arguments);
        }
        MethodHandle handle;
        try {
            handle = lookup.unreflectSpecial(method, declaring);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call default method " + method + " from a proxy", e);
        }
        MethodHandle spread = handle.asSpreader(Object[].class, method.getParameterCount())
                .asType(MethodType.methodType(Object.class, Object.class, Object[].class));
        return (proxy, arguments) -> {
            Object[] spreadArguments = arguments == null ? NO_ARGUMENTS : arguments;
            return (Object) spread.invokeExact(proxy, spreadArguments);
        };
    }
}
