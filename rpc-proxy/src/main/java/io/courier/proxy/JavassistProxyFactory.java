package io.courier.proxy;

import io.courier.api.Invoker;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import io.courier.proxy.internal.ConsumerCalls;
import io.courier.proxy.internal.DispatcherClassGenerator;
import io.courier.proxy.internal.DispatchingInvoker;
import io.courier.proxy.internal.FactoryChecks;
import io.courier.proxy.internal.ProxyClassGenerator;
import io.courier.spi.Extension;

/**
 * The default {@link ProxyFactory}: proxies and dispatchers are classes generated with javassist,
 * one of each per service interface, defined in the interface's package and class loader and
 * unloaded with it. A proxy method holds its {@link io.courier.api.MethodDescriptor} in a field;
 * a dispatcher is a {@code switch} on the method index calling the implementation directly. No
 * reflection runs on the call path.
 *
 * <p>The interface's class loader must see Courier's classes, and its package must be open to
 * rpc-proxy (always so on the class path); where that is not the case, use the {@code jdk}
 * factory. Thread-safe.
 */
@Extension("javassist")
public final class JavassistProxyFactory implements ProxyFactory {

    /** Used by {@link io.courier.spi.ExtensionLoader}. */
    public JavassistProxyFactory() {}

    @Override
    public <T> T createProxy(
            Class<T> serviceInterface, ServiceKey serviceKey, ServiceDescriptor service, Invoker invoker) {
        FactoryChecks.checkProxy(serviceInterface, serviceKey, service, invoker);
        ConsumerCalls calls = new ConsumerCalls(serviceKey, service, invoker);
        return serviceInterface.cast(ProxyClassGenerator.newProxy(service, calls));
    }

    @Override
    public Invoker createDispatcher(Object implementation, ServiceDescriptor service) {
        FactoryChecks.checkDispatcher(implementation, service);
        return new DispatchingInvoker(
                service, DispatcherClassGenerator.newDispatch(service, implementation), implementation.getClass());
    }

    @Override
    public String toString() {
        return "JavassistProxyFactory";
    }
}
