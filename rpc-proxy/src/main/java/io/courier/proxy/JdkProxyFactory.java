package io.courier.proxy;

import io.courier.api.Invoker;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.proxy.ProxyFactory;
import io.courier.proxy.internal.ConsumerCalls;
import io.courier.proxy.internal.DispatchingInvoker;
import io.courier.proxy.internal.FactoryChecks;
import io.courier.proxy.internal.JdkConsumerHandler;
import io.courier.proxy.internal.JdkDispatch;
import io.courier.spi.Extension;

/**
 * A {@link ProxyFactory} that generates no classes: proxies are {@link java.lang.reflect.Proxy}
 * instances, dispatchers call method handles bound to the implementation when they are created.
 * Same behaviour as {@link JavassistProxyFactory}, a little slower per call (a map lookup and an
 * argument array copy); for environments where defining classes in the interface's package is not
 * possible. Thread-safe.
 */
@Extension("jdk")
public final class JdkProxyFactory implements ProxyFactory {

    /** Used by {@link io.courier.spi.ExtensionLoader}. */
    public JdkProxyFactory() {}

    @Override
    public <T> T createProxy(
            Class<T> serviceInterface, ServiceKey serviceKey, ServiceDescriptor service, Invoker invoker) {
        FactoryChecks.checkProxy(serviceInterface, serviceKey, service, invoker);
        return JdkConsumerHandler.newProxy(serviceInterface, service, new ConsumerCalls(serviceKey, service, invoker));
    }

    @Override
    public Invoker createDispatcher(Object implementation, ServiceDescriptor service) {
        FactoryChecks.checkDispatcher(implementation, service);
        return new DispatchingInvoker(service, JdkDispatch.of(service, implementation), implementation.getClass());
    }

    @Override
    public String toString() {
        return "JdkProxyFactory";
    }
}
