package io.courier.bootstrap.internal.registry;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.cluster.Reachability;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Passes this consumer's {@link Reachability} to every provider subscription of a registry. */
public final class ReachabilityGuard {

    private ReachabilityGuard() {}

    /**
     * {@code registry}, with {@code reachability} passed to every provider subscription. The
     * cluster's registry directory subscribes without one, which would make empty-push protection
     * keep a stopped provider forever.
     */
    public static Registry guard(Registry registry, Reachability reachability) {
        return new RegistryView(registry) {
            @Override
            public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
                return registry.subscribe(serviceKey, listener, reachability::reachable);
            }

            @Override
            public AutoCloseable subscribe(
                    ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> ignored) {
                return subscribe(serviceKey, listener);
            }
        };
    }
}
