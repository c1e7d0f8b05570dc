package io.courier.bootstrap.internal.registry;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.status.CourierStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry entries of this application's exported services, and the operator's switch over
 * them: {@link #offline()} withdraws every entry while the services keep serving (consumers that
 * follow the registry stop sending and close their connections); {@link #online()} publishes them
 * again. A service exported while offline is published by the next {@link #online()}. Once
 * {@link #withdraw() withdrawn} for shutdown, the switch no longer turns on. Thread-safe.
 */
public final class ProviderRegistrations {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistrations.class);

    private final Registry registry;
    private final String address;
    private final List<ServiceInstance> instances = new ArrayList<>();
    /** The registry's acknowledgement of each published entry, asked once per publication. */
    private final Map<ServiceInstance, CompletableFuture<Void>> acknowledged = new HashMap<>();

    private boolean online = true;
    private boolean withdrawn;
    private boolean published;

    /** @param registry where to publish; {@code null} when the application has none */
    public ProviderRegistrations(Registry registry) {
        this(registry, "");
    }

    /**
     * @param registry where to publish; {@code null} when the application has none
     * @param address the registry's address as configured, named when it does not answer
     */
    public ProviderRegistrations(Registry registry, String address) {
        this.registry = registry;
        this.address = address;
    }

    /** Publishes {@code instance} now, or at the next {@link #online()} while offline. */
    public synchronized void register(ServiceInstance instance) {
        if (registry == null) {
            return;
        }
        instances.add(instance);
        if (online && !withdrawn) {
            publish(instance);
        }
    }

    private void publish(ServiceInstance instance) {
        registry.register(instance);
        acknowledged.put(instance, registry.registration(instance));
        published = true;
    }

    /**
     * Withdraws {@code instance} and forgets it, so that {@link #online()} does not publish it again
     * (a leader-only service whose instance stopped leading). A no-op if it is not registered.
     */
    public synchronized void unregister(ServiceInstance instance) {
        if (registry == null || !instances.remove(instance)) {
            return;
        }
        acknowledged.remove(instance);
        if (online && !withdrawn) {
            try {
                registry.unregister(instance);
            } catch (RuntimeException e) {
                log.warn("Withdrawing {} from the registry failed", instance.serviceKey(), e);
            }
        }
    }

    /**
     * Waits up to {@code waitMillis} for the registry to acknowledge every published entry, so that a
     * consumer that looks right after the provider's start finds it; logs a warning when the wait
     * ends first (the registration goes on in the background).
     *
     * @return whether every published entry was acknowledged in time
     */
    public boolean awaitPublished(long waitMillis) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        synchronized (this) {
            if (registry == null || !online || withdrawn || waitMillis <= 0) {
                return true;
            }
            instances.forEach(instance -> pending.add(acknowledged.get(instance)));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(waitMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            log.warn(
                    "The registry {} did not acknowledge {} of {} registration(s) within {} ms ({}); they go on"
                            + " in the background, and consumers find this provider once they are acknowledged",
                    address,
                    pending.stream().filter(future -> !future.isDone()).count(),
                    pending.size(),
                    waitMillis,
                    RegistryKeys.REGISTRY_REGISTER_WAIT_MILLIS.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Whether the entries are published: not switched offline and not withdrawn for shutdown. */
    public synchronized boolean isOnline() {
        return online && !withdrawn;
    }

    /** Withdraws every entry; the services keep serving whoever still calls. Idempotent. */
    public synchronized void offline() {
        if (!online || withdrawn) {
            return;
        }
        online = false;
        unregisterAll();
        log.info("Offline: withdrew {} registration(s); the services keep serving", instances.size());
    }

    /**
     * Publishes every entry again.
     *
     * @throws IllegalStateException if the application is closing
     */
    public synchronized void online() {
        if (withdrawn) {
            throw new IllegalStateException("the application is closing; its services cannot go online again");
        }
        if (online) {
            return;
        }
        online = true;
        if (registry != null) {
            for (ServiceInstance instance : instances) {
                publish(instance);
            }
        }
        log.info("Online: published {} registration(s) again", instances.size());
    }

    /**
     * Withdraws every entry for good: the first step of a graceful shutdown.
     *
     * @return whether any service was ever published, so that consumers may be following the
     *     registry and about to leave
     */
    public synchronized boolean withdraw() {
        if (!withdrawn) {
            withdrawn = true;
            if (online) {
                unregisterAll();
            }
        }
        return published;
    }

    /**
     * The registry entry of {@code serviceKey}: {@code null} if this application does not publish it
     * (not exported, or a leader-only service that does not lead now).
     */
    public synchronized CourierStatus.Registration state(ServiceKey serviceKey) {
        if (registry == null) {
            return CourierStatus.Registration.UNPUBLISHED;
        }
        for (ServiceInstance instance : instances) {
            if (instance.serviceKey().equals(serviceKey)) {
                if (withdrawn) {
                    return CourierStatus.Registration.WITHDRAWN;
                }
                if (!online) {
                    return CourierStatus.Registration.OFFLINE;
                }
                CompletableFuture<Void> ack = acknowledged.get(instance);
                return ack != null && ack.isDone() && !ack.isCompletedExceptionally()
                        ? CourierStatus.Registration.REGISTERED
                        : CourierStatus.Registration.PENDING;
            }
        }
        return null;
    }

    private void unregisterAll() {
        acknowledged.clear();
        if (registry == null) {
            return;
        }
        for (ServiceInstance instance : instances) {
            try {
                registry.unregister(instance);
            } catch (RuntimeException e) {
                // The registry closed or failed: its session's end removes the entry anyway.
                log.warn("Withdrawing {} from the registry failed", instance.serviceKey(), e);
            }
        }
    }
}
