package io.courier.api;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The remote methods of a service interface, in a stable order (sorted by descriptor), computed
 * once. Default and static methods are not remote: they run locally on the consumer. Immutable and
 * thread-safe.
 */
public final class ServiceDescriptor {

    private final Class<?> serviceInterface;
    private final String interfaceName;
    private final List<MethodDescriptor> methods;
    private final Map<String, MethodDescriptor> byDescriptor;

    private ServiceDescriptor(Class<?> serviceInterface, Set<String> extraOneway) {
        this.serviceInterface = serviceInterface;
        this.interfaceName = serviceInterface.getName();
        boolean allIdempotent = serviceInterface.isAnnotationPresent(Idempotent.class);
        Method[] remote = Arrays.stream(serviceInterface.getMethods())
                .filter(m -> !m.isDefault() && !Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(MethodDescriptor::descriptorOf))
                .toArray(Method[]::new);
        List<MethodDescriptor> list = new ArrayList<>(remote.length);
        Map<String, MethodDescriptor> index = new HashMap<>();
        for (Method method : remote) {
            String descriptor = MethodDescriptor.descriptorOf(method);
            if (index.containsKey(descriptor)) {
                // Two super-interfaces can declare the same signature; it is one remote method.
                continue;
            }
            boolean oneway = method.isAnnotationPresent(Oneway.class) || extraOneway.contains(method.getName());
            boolean idempotent =
                    allIdempotent || method.isAnnotationPresent(Idempotent.class) || idempotentVerb(method);
            MethodDescriptor descriptorOf = new MethodDescriptor(list.size(), method, oneway, idempotent);
            list.add(descriptorOf);
            index.put(descriptor, descriptorOf);
        }
        this.methods = List.copyOf(list);
        this.byDescriptor = Map.copyOf(index);
    }

    /**
     * Whether a JAX-RS verb annotation on {@code method} (one meta-annotated {@code
     * jakarta.ws.rs.HttpMethod}) names a verb HTTP defines as idempotent (RFC 9110, section 9.2.2): a
     * REST method is {@link Idempotent} by its verb. Read by name, so rpc-api needs no JAX-RS.
     */
    private static boolean idempotentVerb(Method method) {
        for (java.lang.annotation.Annotation annotation : method.getAnnotations()) {
            for (java.lang.annotation.Annotation meta :
                    annotation.annotationType().getAnnotations()) {
                if (meta.annotationType().getName().equals("jakarta.ws.rs.HttpMethod")) {
                    try {
                        Object verb = meta.annotationType().getMethod("value").invoke(meta);
                        return IDEMPOTENT_VERBS.contains(verb);
                    } catch (ReflectiveOperationException e) {
                        return false;
                    }
                }
            }
        }
        return false;
    }

    private static final Set<String> IDEMPOTENT_VERBS = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private ServiceDescriptor(String interfaceName, List<MethodDescriptor> methods) {
        this.serviceInterface = null;
        this.interfaceName = interfaceName;
        Map<String, MethodDescriptor> index = new HashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            MethodDescriptor method = methods.get(i);
            if (method.index() != i || index.put(method.descriptor(), method) != null) {
                throw new IllegalArgumentException("methods: " + method.descriptor() + " at " + i
                        + " (expected: unique descriptors, each at its index)");
            }
        }
        this.methods = List.copyOf(methods);
        this.byDescriptor = Map.copyOf(index);
    }

    /**
     * A service whose interface class the caller does not have: its methods are {@link
     * MethodDescriptor#generic generic} descriptors built from the service's published metadata.
     * Such a descriptor has no {@link #serviceInterface()}.
     *
     * @throws IllegalArgumentException if a method is not at its index or a descriptor repeats
     */
    public static ServiceDescriptor generic(String interfaceName, List<MethodDescriptor> methods) {
        Objects.requireNonNull(interfaceName, "interfaceName");
        return new ServiceDescriptor(interfaceName, methods);
    }

    /**
     * Describes {@code serviceInterface}.
     *
     * @throws IllegalArgumentException if it is not an interface, or a {@link Oneway} method does not
     *     return {@code void}
     */
    public static ServiceDescriptor of(Class<?> serviceInterface) {
        return of(serviceInterface, Set.of());
    }

    /**
     * Describes {@code serviceInterface}, treating the methods named in {@code onewayMethods} as
     * {@link Oneway} too (the consumer's {@link Reference#oneway()}).
     */
    public static ServiceDescriptor of(Class<?> serviceInterface, Set<String> onewayMethods) {
        Objects.requireNonNull(serviceInterface, "serviceInterface");
        if (!serviceInterface.isInterface()) {
            throw new IllegalArgumentException(
                    "service type: " + serviceInterface.getName() + " (expected: an interface)");
        }
        return new ServiceDescriptor(serviceInterface, onewayMethods);
    }

    /** The interface, or {@code null} for a {@link #generic} descriptor. */
    public Class<?> serviceInterface() {
        return serviceInterface;
    }

    /** The interface's fully qualified name. */
    public String interfaceName() {
        return interfaceName;
    }

    /** Every remote method, at its {@link MethodDescriptor#index()}. */
    public List<MethodDescriptor> methods() {
        return methods;
    }

    /** The method with that wire descriptor, or {@code null}. */
    public MethodDescriptor find(String descriptor) {
        return byDescriptor.get(descriptor);
    }

    /** The descriptor of {@code method}, or {@code null} if it is not a remote method of this service. */
    public MethodDescriptor find(Method method) {
        return byDescriptor.get(MethodDescriptor.descriptorOf(method));
    }

    @Override
    public String toString() {
        return "ServiceDescriptor(" + interfaceName + ", " + methods.size() + " methods)";
    }
}
