package io.courier.api.proxy;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RemoteException;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.spi.ExtensionPoint;

/**
 * Builds the two ends of a call around an {@link Invoker}: consumer proxies that turn method calls
 * into {@link Invocation}s, and provider dispatchers that turn invocations into calls of the
 * implementation. Implementations: {@code javassist} (generated classes, the default) and
 * {@code jdk} ({@link java.lang.reflect.Proxy} with method handles); both behave as described here.
 *
 * <p>Implementations are thread-safe, and so are the proxies and dispatchers they create. Generated
 * classes are cached per interface and class loader, and must not keep a class loader alive once
 * its classes are otherwise unreachable. No argument may be {@code null}.
 */
@ExtensionPoint(defaultName = "javassist", formerly = "io.courier.api.ProxyFactory")
public interface ProxyFactory {

    /**
     * A proxy implementing {@code serviceInterface} whose remote methods (those in {@code service})
     * call {@code invoker}. Each call builds an {@link Invocation} of {@code serviceKey} carrying the
     * method's {@link MethodDescriptor} from {@code service} and the calling thread's {@link
     * RpcContext#outgoingAttachments()}.
     *
     * <ul>
     *   <li>A synchronous method waits for the invoker's future. It returns the result's value, or
     *       throws the result's business exception unchanged when the method may throw it (unchecked,
     *       or assignable to a declared type); an undeclared checked exception arrives as a {@link
     *       RemoteException} with the original as its cause. A failed future throws its {@link
     *       RpcException} (unwrapped from {@link java.util.concurrent.CompletionException}); any
     *       other failure is wrapped in one coded {@link ErrorCode#UNKNOWN}. A {@code null} or
     *       mistyped value for a primitive return type is an {@link RpcException} coded {@link
     *       ErrorCode#SERIALIZATION}. An interrupt while waiting keeps the thread's interrupt flag
     *       and throws an {@link RpcException} coded {@link ErrorCode#UNKNOWN}.
     *   <li>A method returning {@code CompletableFuture} returns at once, blocking no thread; the
     *       future completes on the thread that completes the invoker's future (the caller's, if it is
     *       already complete), with the value, the
     *       business exception as it is (checked or not), or the {@link RpcException}.
     *   <li>A {@link MethodDescriptor#oneway() oneway} method returns once the invoker has returned,
     *       throwing only a failure the invoker's future already holds by then.
     *   <li>{@code toString} (which names {@code serviceKey}), {@code hashCode} and {@code equals}
     *       are answered by the proxy itself, by identity, even when the interface redeclares them;
     *       default methods run locally on the proxy.
     * </ul>
     *
     * @throws IllegalArgumentException if {@code service} does not describe {@code serviceInterface}
     * @throws IllegalStateException if the implementation cannot build a proxy for this interface
     *     (for {@code javassist}: the interface's package is not open to Courier or its class
     *     loader cannot see Courier's classes)
     */
    <T> T createProxy(Class<T> serviceInterface, ServiceKey serviceKey, ServiceDescriptor service, Invoker invoker);

    /**
     * An invoker that calls {@code implementation}'s method for each invocation of {@code service},
     * on the invoking thread and with no reflection per call. A returned value becomes {@link
     * RpcResult#of}; a thrown exception becomes {@link RpcResult#ofException}; a {@code
     * CompletableFuture} method's result completes when the returned future does. An invocation of
     * a method {@code service} does not have, or whose arguments do not fit the parameter types
     * ({@code null} for a primitive included), fails the future with an {@link RpcException} coded
     * {@link ErrorCode#BAD_REQUEST} without calling anything.
     *
     * <p>The dispatcher does not install the {@link RpcContext} of the request: the server, which
     * knows the remote endpoint, does that around {@code invoke} with {@link RpcContext#serve}.
     *
     * @throws IllegalArgumentException if {@code implementation} does not implement {@code service}'s
     *     interface
     * @throws IllegalStateException as for {@link #createProxy}
     */
    Invoker createDispatcher(Object implementation, ServiceDescriptor service);
}
