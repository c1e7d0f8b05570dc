package io.courier.bootstrap.internal.registry;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider-list subscriptions of an application's references, so that a stopping application
 * can stop following the registry before it withdraws its own registrations: its references keep the
 * providers they know (its own included, which answers until its server closes), and its own
 * withdrawal is not taken for providers vanishing from a reachable host (empty-push protection's WARN).
 * Thread-safe.
 */
public final class ProviderListSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ProviderListSubscriptions.class);

    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();

    /** {@code registry}, remembering every subscription made through it until it is closed. */
    public Registry track(Registry registry) {
        return new RegistryView(registry) {
            @Override
            public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
                return remember(registry.subscribe(serviceKey, listener));
            }

            @Override
            public AutoCloseable subscribe(
                    ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener, Predicate<Endpoint> reachable) {
                return remember(registry.subscribe(serviceKey, listener, reachable));
            }
        };
    }

    /** Closes every subscription still open; the directories keep their last lists. Idempotent. */
    public void stopFollowing() {
        for (AutoCloseable subscription : List.copyOf(open)) {
            try {
                subscription.close();
            } catch (Exception e) {
                // shutdown goes on: the directory keeps its last list either way
                log.warn("Failed to close {}", subscription, e);
            }
        }
    }

    /** {@code subscription}, closed once whether by {@link #stopFollowing} or by its directory. */
    private AutoCloseable remember(AutoCloseable subscription) {
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable once = new AutoCloseable() {
            @Override
            public void close() throws Exception {
                if (closed.compareAndSet(false, true)) {
                    open.remove(this);
                    subscription.close();
                }
            }

            @Override
            public String toString() {
                return subscription.toString();
            }
        };
        open.add(once);
        return once;
    }
}
