package io.courier.proxy.internal;

import io.courier.api.Invoker;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import java.util.Objects;

/** The argument checks every {@link io.courier.api.proxy.ProxyFactory} applies, with the same messages. */
public final class FactoryChecks {

    private FactoryChecks() {}

    public static void checkProxy(
            Class<?> serviceInterface, ServiceKey serviceKey, ServiceDescriptor service, Invoker invoker) {
        Objects.requireNonNull(serviceInterface, "serviceInterface");
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(invoker, "invoker");
        if (service.serviceInterface() != serviceInterface) {
            throw new IllegalArgumentException(
                    "service: " + service + " (expected: a descriptor of " + serviceInterface.getName() + ")");
        }
    }

    public static void checkDispatcher(Object implementation, ServiceDescriptor service) {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(service, "service");
        if (!service.serviceInterface().isInstance(implementation)) {
            throw new IllegalArgumentException(
                    "implementation: " + implementation.getClass().getName() + " (expected: an implementation of "
                            + service.serviceInterface().getName() + ")");
        }
    }
}
