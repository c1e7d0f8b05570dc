package io.courier.mockserver;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The implementation the mock server exports for one stub file: a proxy of the interface answering
 * each call from the file's current stubs, which a reload swaps atomically. A call no stub matches
 * fails with an {@link IllegalStateException} naming it, which the consumer receives.
 */
final class StubbedService implements InvocationHandler {

    private final AtomicReference<ServiceStubs> current;

    private StubbedService(ServiceStubs stubs) {
        this.current = new AtomicReference<>(stubs);
    }

    /** The proxy to export and the handler that a reload updates. */
    static StubbedService of(ServiceStubs stubs) {
        return new StubbedService(stubs);
    }

    Object implementation() {
        Class<?> type = current.get().serviceInterface();
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this);
    }

    ServiceStubs stubs() {
        return current.get();
    }

    void replace(ServiceStubs stubs) {
        current.set(stubs);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == arguments[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "stubbed " + current.get().describe();
            };
        }
        ServiceStubs stubs = current.get();
        return stubs.find(method, arguments)
                .orElseThrow(() -> new IllegalStateException("mock server: no stub of " + stubs.describe() + " matches "
                        + method.getName() + " with these arguments"))
                .answer();
    }
}
