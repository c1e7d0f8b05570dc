package io.courier.api;

import io.courier.spi.ExtensionPoint;

/**
 * Builds the two ends of a call around an {@link Invoker}: consumer proxies that turn method calls
 * into {@link Invocation}s, and provider dispatchers that turn invocations into calls of the
 * implementation. Implementations: {@code javassist} (generated classes, the default) and
 * {@code jdk} ({@link java.lang.reflect.Proxy} with method handles). Thread-safe; generated classes
 * are cached per interface and class loader.
 */
@ExtensionPoint(defaultName = "javassist")
public interface ProxyFactory {

    /**
     * A proxy implementing {@code service.serviceInterface()} whose remote methods call
     * {@code invoker}. Synchronous methods wait for the result and throw the business exception
     * unchanged, or an {@link RpcException}; {@code CompletableFuture} methods return at once;
     * {@code toString}, {@code hashCode}, {@code equals} and default methods run locally.
     */
    <T> T createProxy(Class<T> serviceInterface, ServiceKey serviceKey, ServiceDescriptor service, Invoker invoker);

    /**
     * An invoker that calls {@code implementation}'s method for each invocation of {@code service},
     * with no reflection per call. The result future completes when the method returns (or, for
     * {@code CompletableFuture} methods, when the returned future does); a thrown exception becomes an
     * {@link RpcResult} holding it.
     */
    Invoker createDispatcher(Object implementation, ServiceDescriptor service);
}
