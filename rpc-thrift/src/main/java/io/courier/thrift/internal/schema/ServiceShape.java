package io.courier.thrift.internal.schema;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Thrift schema of one service interface: its functions by name, the structs and enums they reach, and
 * the methods left out with the reason (an overload, since Thrift functions have one name each; a stream; a
 * type with no Thrift form). Immutable once built; built once per service.
 */
public final class ServiceShape {

    /** The declared exception every two-way function throws: Courier's error code and the provider's message. */
    public static final String ERROR = "CourierError";

    private final String name;
    private final String namespace;
    private final Map<String, MethodShape> methods;
    private final Map<String, String> unsupported;
    private final List<Object> declarations;

    private ServiceShape(
            String name,
            String namespace,
            Map<String, MethodShape> methods,
            Map<String, String> unsupported,
            List<Object> declarations) {
        this.name = name;
        this.namespace = namespace;
        this.methods = methods;
        this.unsupported = unsupported;
        this.declarations = declarations;
    }

    /** The schema of {@code service} as the Thrift service {@code name}, in the Java package {@code namespace}. */
    public static ServiceShape of(String name, String namespace, ServiceDescriptor service) {
        Map<String, MethodDescriptor> candidates = new TreeMap<>();
        Map<String, String> unsupported = new TreeMap<>();
        for (MethodDescriptor method : service.methods()) {
            String problem = problem(method);
            if (problem != null) {
                unsupported.put(method.descriptor(), problem);
            } else if (candidates.containsKey(method.name())) {
                unsupported.put(
                        method.descriptor(), "an overload of " + method.name() + " (Thrift names a function once)");
            } else {
                candidates.put(method.name(), method);
            }
        }
        // each method alone first, so that its own problem is its own; then together, leaving out one that clashes
        while (true) {
            SchemaDeriver deriver = new SchemaDeriver();
            deriver.claim(ERROR, ERROR);
            Map<String, MethodShape> methods = new LinkedHashMap<>();
            String failed = null;
            for (MethodDescriptor method : candidates.values()) {
                try {
                    derive(new SchemaDeriver(), method);
                    methods.put(method.name(), derive(deriver, method));
                } catch (SchemaException e) {
                    failed = method.name();
                    unsupported.put(method.descriptor(), e.getMessage());
                    break;
                }
            }
            if (failed == null) {
                return new ServiceShape(
                        name, namespace, Map.copyOf(methods), Map.copyOf(unsupported), deriver.declarations());
            }
            candidates.remove(failed);
        }
    }

    private static String problem(MethodDescriptor method) {
        if (method.method() == null) {
            return "a generic method has no Java types to describe";
        }
        if (method.stream()) {
            return "a stream (Thrift functions are unary)";
        }
        return null;
    }

    private static MethodShape derive(SchemaDeriver deriver, MethodDescriptor method) {
        ReservedWords.check(method.name(), method.descriptor());
        Method java = method.method();
        Parameter[] parameters = java.getParameters();
        Type[] types = new Type[parameters.length];
        String[] names = new String[parameters.length];
        AnnotatedElement[] annotated = new AnnotatedElement[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            types[i] = parameters[i].getParameterizedType();
            names[i] = parameters[i].getName();
            annotated[i] = parameters[i];
        }
        StructShape arguments = deriver.arguments(method.name() + "_args", types, names, annotated);
        Type result = method.resultType();
        ThriftType resultType =
                result == void.class || result == Void.class ? null : deriver.type(result, method.name());
        return new MethodShape(method.name(), method, arguments, resultType);
    }

    public String name() {
        return name;
    }

    /** The Java package of the interface, the IDL's {@code namespace java}. */
    public String namespace() {
        return namespace;
    }

    /** The function called {@code name}, or {@code null}. */
    public MethodShape method(String name) {
        return methods.get(name);
    }

    public Map<String, MethodShape> methods() {
        return methods;
    }

    /** Each method left out, by its descriptor, with the reason. */
    public Map<String, String> unsupported() {
        return unsupported;
    }

    /** The structs ({@link StructShape}) and enums ({@link EnumShape}), each after the types it uses. */
    public List<Object> declarations() {
        return declarations;
    }
}
