package io.courier.proxy.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtField;
import javassist.CtNewConstructor;
import javassist.CtNewMethod;
import javassist.Modifier;

/**
 * Generates, with javassist, one consumer proxy class per service interface and class loader. For
 * {@code interface Greeter { String greet(String name); }} the class reads:
 *
 * <pre>{@code
 * public final class Greeter$$CourierProxy implements Greeter {
 *     private final ConsumerCalls calls;
 *     private final MethodDescriptor m0;
 *
 *     public Greeter$$CourierProxy(ConsumerCalls calls, MethodDescriptor[] methods) { ... }
 *
 *     public String greet(String p0) {
 *         return (String) this.calls.call(this.m0, new Object[] {p0});
 *     }
 *     // toString, hashCode and equals answered locally; default methods are inherited.
 * }
 * }</pre>
 *
 * Classes are cached in a {@link ClassValue} of the interface, so they are unloaded with the
 * interface's class loader. Thread-safe.
 */
public final class ProxyClassGenerator {

    private static final String CALLS = ConsumerCalls.class.getName();
    private static final String METHOD_DESCRIPTOR = MethodDescriptor.class.getName();

    private static final ClassValue<GeneratedClass> CLASSES = new ClassValue<>() {
        @Override
        protected GeneratedClass computeValue(Class<?> serviceInterface) {
            ServiceDescriptor service = ServiceDescriptor.of(serviceInterface);
            List<RemoteMethod> remote = InterfaceMethods.remote(serviceInterface, service);
            Class<?> type = ClassGeneration.define(
                    serviceInterface,
                    serviceInterface.getName() + "$$CourierProxy",
                    "a proxy class",
                    (pool, name) -> generate(pool, name, serviceInterface, remote));
            return GeneratedClass.of(type, service, ConsumerCalls.class, MethodDescriptor[].class);
        }
    };

    private ProxyClassGenerator() {}

    /** A proxy of {@code service}'s interface whose remote methods go to {@code calls}. */
    public static Object newProxy(ServiceDescriptor service, ConsumerCalls calls) {
        return CLASSES.get(service.serviceInterface()).newInstance(service, calls, calls.methods());
    }

    /** The generated proxy class for {@code serviceInterface}, generating it on first use. */
    public static Class<?> proxyClass(Class<?> serviceInterface) {
        return CLASSES.get(serviceInterface).type();
    }

    private static byte[] generate(ClassPool pool, String name, Class<?> serviceInterface, List<RemoteMethod> remote)
            throws Exception {
        CtClass type = pool.makeClass(name);
        type.setModifiers(Modifier.PUBLIC | Modifier.FINAL);
        type.addInterface(pool.get(serviceInterface.getName()));
        type.addField(CtField.make("private final " + CALLS + " calls;", type));
        SortedSet<Integer> indexes = new TreeSet<>();
        remote.forEach(method -> indexes.add(method.index()));
        StringBuilder constructor = new StringBuilder("public ")
                .append(type.getSimpleName())
                .append('(')
                .append(CALLS)
                .append(" calls, ")
                .append(METHOD_DESCRIPTOR)
                .append("[] methods) { super(); this.calls = calls; ");
        for (int index : indexes) {
            type.addField(CtField.make("private final " + METHOD_DESCRIPTOR + " m" + index + ";", type));
            constructor
                    .append("this.m")
                    .append(index)
                    .append(" = methods[")
                    .append(index)
                    .append("]; ");
        }
        type.addConstructor(CtNewConstructor.make(constructor.append('}').toString(), type));
        for (RemoteMethod method : remote) {
            type.addMethod(CtNewMethod.make(remoteMethod(method.method(), "this.m" + method.index()), type));
        }
        type.addMethod(
                CtNewMethod.make("public java.lang.String toString() { return this.calls.describe(this); }", type));
        type.addMethod(
                CtNewMethod.make("public int hashCode() { return java.lang.System.identityHashCode(this); }", type));
        type.addMethod(
                CtNewMethod.make("public boolean equals(java.lang.Object other) { return this == other; }", type));
        byte[] bytes = type.toBytecode();
        type.detach();
        return bytes;
    }

    private static String remoteMethod(Method method, String descriptorField) {
        Class<?>[] parameters = method.getParameterTypes();
        StringBuilder arguments = new StringBuilder();
        if (parameters.length == 0) {
            arguments.append("null");
        } else {
            arguments.append("new java.lang.Object[] {");
            for (int i = 0; i < parameters.length; i++) {
                arguments.append(i > 0 ? ", " : "").append(JavaSource.toObject(parameters[i], "p" + i));
            }
            arguments.append('}');
        }
        String callArguments = descriptorField + ", " + arguments;
        Class<?> returnType = method.getReturnType();
        String body;
        if (returnType == void.class) {
            body = "this.calls.callVoid(" + callArguments + ");";
        } else if (returnType == CompletableFuture.class) {
            body = "return this.calls.callAsync(" + callArguments + ");";
        } else if (returnType == Flow.Publisher.class) {
            body = "return this.calls.callStream(" + callArguments + ");";
        } else {
            String call = "this.calls.call(" + callArguments + ")";
            body = "return "
                    + (returnType.isPrimitive()
                            ? ResultValues.conversion(returnType, call, descriptorField)
                            : JavaSource.fromObject(returnType, call))
                    + ";";
        }
        return JavaSource.signature(method) + "{ " + body + " }";
    }
}
