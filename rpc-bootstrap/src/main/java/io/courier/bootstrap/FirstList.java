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
 * service, so that a call made right after it does not fail with {@code NO_PROVIDER} only because
 * the list is still on its way (Dubbo's {@code check}, except that the start goes on when the wait
 * ends). Any first list ends the wait, an empty one too: the registry delivers one as soon as
 * ZooKeeper has answered, or, while it is unreachable, the cached list (or an empty one) after the
 * connection timeout. Thread-safe; one instance per reference.
 */
final class FirstList {

    private static final Logger log = LoggerFactory.getLogger(FirstList.class);

    private final CountDownLatch delivered = new CountDownLatch(1);

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
                delivered.countDown(); // after the directory has the list, so calls can use it
            }
        };
    }

    /**
     * Waits up to {@code waitMillis} for the first list; logs a warning if it did not come.
     *
     * @return whether it came
     */
    boolean await(ServiceKey serviceKey, long waitMillis) {
        try {
            if (delivered.await(waitMillis, TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (waitMillis > 0) {
            log.warn(
                    "The registry sent no provider list of {} within {} ms ({}); calls fail with NO_PROVIDER until it does",
                    serviceKey,
                    waitMillis,
                    ConfigKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS.name());
        }
        return false;
    }
}
