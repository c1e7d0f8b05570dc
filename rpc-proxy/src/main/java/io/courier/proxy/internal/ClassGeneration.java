package io.courier.proxy.internal;

import java.lang.invoke.MethodHandles;
import javassist.ClassPool;
import javassist.LoaderClassPath;

/**
 * Defines generated classes next to the service interface: in its class loader and package, so
 * that they can implement a package-private interface and die with the loader that defined it.
 *
 * <p>Each generation gets a fresh {@link ClassPool}: a shared one would keep every user class
 * loader it ever read from (and every {@code CtClass}) alive.
 */
final class ClassGeneration {

    /** A name can be taken by a concurrent generation or by another copy of rpc-proxy. */
    private static final int MAX_NAME_ATTEMPTS = 16;

    private ClassGeneration() {}

    /** Builds the class file of a class named {@code name}. */
    @FunctionalInterface
    interface ClassSource {
        byte[] generate(ClassPool pool, String name) throws Exception;
    }

    /**
     * Generates and defines a class named {@code baseName} (or {@code baseName$n} if taken) in
     * {@code serviceInterface}'s package and class loader.
     *
     * @throws IllegalStateException if the class cannot be generated or defined, e.g. because the
     *     interface's package is not open to rpc-proxy or its class loader cannot see Courier
     */
    static Class<?> define(Class<?> serviceInterface, String baseName, String what, ClassSource source) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(serviceInterface, MethodHandles.lookup());
            for (int attempt = 1; ; attempt++) {
                String name = attempt == 1 ? baseName : baseName + "$" + attempt;
                byte[] bytes = source.generate(poolFor(serviceInterface), name);
                try {
                    return lookup.defineClass(bytes);
                } catch (LinkageError error) {
                    // A duplicate definition is a plain LinkageError; its subclasses are real faults.
                    if (error.getClass() != LinkageError.class || attempt == MAX_NAME_ATTEMPTS) {
                        throw error;
                    }
                }
            }
        } catch (Exception | LinkageError failure) {
            throw new IllegalStateException(
                    "cannot generate " + what + " for " + serviceInterface.getName()
                            + " (the 'jdk' ProxyFactory generates no classes): " + failure,
                    failure);
        }
    }

    /** Resolves names as the interface's class loader does, then as Courier's, then the JDK's. */
    private static ClassPool poolFor(Class<?> serviceInterface) {
        ClassPool pool = new ClassPool(false);
        ClassLoader loader = serviceInterface.getClassLoader();
        if (loader != null) {
            pool.appendClassPath(new LoaderClassPath(loader));
        }
        ClassLoader courier = ClassGeneration.class.getClassLoader();
        if (courier != null && courier != loader) {
            pool.appendClassPath(new LoaderClassPath(courier));
        }
        pool.appendSystemPath();
        return pool;
    }
}
