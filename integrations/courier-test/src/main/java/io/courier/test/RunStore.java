package io.courier.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The store whose values live as long as the test JVM's tests run, for what a test run shares (the
 * embedded registry and Kafka).
 *
 * <p>On JUnit 5.13 and later, the launcher session's store: Surefire runs each test class as an execution
 * request of its own, so the root context's store, and a server kept in it, closes after every class,
 * while the launcher session lasts until the JVM's tests are done. Before 5.13 there is no such store and
 * the root store is the widest there is. Reached by reflection, as the kit is built against the oldest
 * JUnit it supports.
 */
final class RunStore {

    private static final Object LAUNCHER_SESSION;
    private static final Method GET_SCOPED_STORE;

    static {
        Object scope = null;
        Method method = null;
        try {
            Class<?> scopes = Class.forName("org.junit.jupiter.api.extension.ExtensionContext$StoreScope");
            for (Object constant : scopes.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals("LAUNCHER_SESSION")) {
                    scope = constant;
                }
            }
            method = ExtensionContext.class.getMethod("getStore", scopes, ExtensionContext.Namespace.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            method = null; // JUnit before 5.13
        }
        LAUNCHER_SESSION = scope;
        GET_SCOPED_STORE = scope == null ? null : method;
    }

    private RunStore() {}

    static ExtensionContext.Store of(ExtensionContext context, ExtensionContext.Namespace namespace) {
        if (GET_SCOPED_STORE == null) {
            return context.getRoot().getStore(namespace);
        }
        try {
            return (ExtensionContext.Store) GET_SCOPED_STORE.invoke(context, LAUNCHER_SESSION, namespace);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("JUnit's ExtensionContext.getStore(StoreScope, Namespace)", e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
