package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.Registry;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code reference()} wait, for a bounded time, for the registry's first provider list of its
 * service that names a provider, so that a call made right after it does not fail with {@code
 * NO_PROVIDER} only because the list, or the provider's registration, is still on its way (Dubbo's
 * {@code check}, except that the start goes on when the wait ends). Empty lists do not end the wait:
 * the registry may answer before a provider started at the same moment is visible. While the
 * registry is unreachable it delivers the cached list after the connection timeout, which ends the
 * wait if it names a provider. Thread-safe; one instance per reference.
 */
final class FirstList {

    private static final Logger log = LoggerFactory.getLogger(FirstList.class);

    private final CountDownLatch provided = new CountDownLatch(1);
    private volatile boolean delivered;

    /** {@code registry}, noting the first provider list it delivers to any subscriber. */
    Registry watch(Registry registry) {
        return new RegistryView(registry) {
            @Override
            public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
                return registry.subscribe(serviceKey, noting(listener));
            }

            @Override
            public AutoCloseable subscribe(
                    ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
                return registry.subscribe(serviceKey, noting(listener), reachable);
            }
        };
    }

    private Consumer<List<ServiceInstance>> noting(Consumer<List<ServiceInstance>> listener) {
        return instances -> {
            try {
                listener.accept(instances);
            } finally {
                delivered = true;
                if (!instances.isEmpty()) {
                    provided.countDown(); // after the directory has the list, so calls can use it
                }
            }
        };
    }

    /**
     * Waits up to {@code waitMillis} for a list naming a provider; logs a warning if none came.
     *
     * @return whether one came
     */
    boolean await(ServiceKey serviceKey, long waitMillis) {
        try {
            if (provided.await(waitMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (waitMillis > 0) {
            log.warn(
                    "{} within {} ms ({}); calls fail with NO_PROVIDER until a provider appears",
                    delivered
                            ? "The registry knows no provider of " + serviceKey
                            : "The registry sent no provider list of " + serviceKey,
                    waitMillis,
                    RegistryKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS.name());
        }
        return false;
    }
}
