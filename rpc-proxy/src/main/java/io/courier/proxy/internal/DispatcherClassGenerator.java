package io.courier.proxy.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.lang.reflect.Method;
import java.util.List;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtField;
import javassist.CtNewConstructor;
import javassist.CtNewMethod;
import javassist.Modifier;

/**
 * Generates, with javassist, one {@link Dispatch} class per service interface and class loader: a
 * {@code switch} on the method index whose cases call the implementation through the interface.
 * For {@code interface Calculator { int add(int a, int b); }} the class reads:
 *
 * <pre>{@code
 * public final class Calculator$$CourierDispatcher implements Dispatch {
 *     private final Calculator target;
 *
 *     public Calculator$$CourierDispatcher(Object target) { this.target = (Calculator) target; }
 *
 *     public Object call(int index, Invocation invocation) throws Throwable {
 *         switch (index) {
 *             case 0: return Integer.valueOf(this.target.add(
 *                     ((Integer) invocation.argument(0)).intValue(),
 *                     ((Integer) invocation.argument(1)).intValue()));
 *         }
 *         throw new IllegalArgumentException("method index: " + index);
 *     }
 * }
 * }</pre>
 *
 * Calling through the interface type is what lets the implementation class be non-public. Classes
 * are cached in a {@link ClassValue} of the interface. Thread-safe.
 */
public final class DispatcherClassGenerator {

    private static final ClassValue<GeneratedClass> CLASSES = new ClassValue<>() {
        @Override
        protected GeneratedClass computeValue(Class<?> serviceInterface) {
            ServiceDescriptor service = ServiceDescriptor.of(serviceInterface);
            Class<?> type = ClassGeneration.define(
                    serviceInterface,
                    serviceInterface.getName() + "$$CourierDispatcher",
                    "a dispatcher class",
                    (pool, name) -> generate(pool, name, serviceInterface, service.methods()));
            return GeneratedClass.of(type, service, Object.class);
        }
    };

    private DispatcherClassGenerator() {}

    /** A dispatch calling {@code implementation}, an instance of {@code service}'s interface. */
    public static Dispatch newDispatch(ServiceDescriptor service, Object implementation) {
        return (Dispatch) CLASSES.get(service.serviceInterface()).newInstance(service, implementation);
    }

    /** The generated dispatcher class for {@code serviceInterface}, generating it on first use. */
    public static Class<?> dispatcherClass(Class<?> serviceInterface) {
        return CLASSES.get(serviceInterface).type();
    }

    private static byte[] generate(
            ClassPool pool, String name, Class<?> serviceInterface, List<MethodDescriptor> methods) throws Exception {
        String target = JavaSource.typeName(serviceInterface);
        CtClass type = pool.makeClass(name);
        type.setModifiers(Modifier.PUBLIC | Modifier.FINAL);
        type.addInterface(pool.get(Dispatch.class.getName()));
        type.addField(CtField.make("private final " + target + " target;", type));
        type.addConstructor(CtNewConstructor.make(
                "public " + type.getSimpleName() + "(java.lang.Object target) { super(); this.target = (" + target
                        + ") target; }",
                type));
        StringBuilder body = new StringBuilder(
                "public java.lang.Object call(int index, io.courier.api.Invocation invocation) throws java.lang.Throwable {");
        if (!methods.isEmpty()) {
            body.append(" switch (index) {");
            for (MethodDescriptor method : methods) {
                body.append(" case ").append(method.index()).append(": ").append(dispatchCase(method.method()));
            }
            body.append(" }");
        }
        body.append(" throw new java.lang.IllegalArgumentException(\"method index: \" + index); }");
        type.addMethod(CtNewMethod.make(body.toString(), type));
        byte[] bytes = type.toBytecode();
        type.detach();
        return bytes;
    }

    private static String dispatchCase(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        StringBuilder call =
                new StringBuilder("this.target.").append(method.getName()).append('(');
        for (int i = 0; i < parameters.length; i++) {
            call.append(i > 0 ? ", " : "")
                    .append(JavaSource.fromObject(parameters[i], "invocation.argument(" + i + ")"));
        }
        call.append(')');
        Class<?> returnType = method.getReturnType();
        if (returnType == void.class) {
            return call + "; return null;";
        }
        return "return " + JavaSource.toObject(returnType, call.toString()) + ";";
    }
}
