package io.courier.registry.eureka.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's registrations: one Eureka instance per application and endpoint ({@link EurekaLayout}),
 * registered in the background, renewed on {@link Lease#renewMillis()} and cancelled when its last
 * service is withdrawn. A registration that fails is tried again at the next renewal; a renewal the
 * server does not know (404: evicted, or the server restarted) registers again.
 *
 * <p>Thread-safe: requests run on {@code registrar}, one at a time, in the order they were asked for.
 */
public final class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final EurekaHttp http;
    private final EurekaLayout layout;
    private final Lease lease;
    private final ScheduledExecutorService registrar;
    private final Map<Group, Entry> entries = new ConcurrentHashMap<>();
    private long lastDirtyMillis;

    /** One Eureka instance: an application at an endpoint. */
    private record Group(String app, Endpoint endpoint) {
        static Group of(ServiceInstance instance) {
            return new Group(EurekaLayout.app(instance), instance.endpoint());
        }
    }

    /** The services a Eureka instance should hold, and whether a registration of exactly these was acknowledged. */
    private record Entry(Map<ServiceKey, ServiceInstance> instances, CompletableFuture<Void> written) {
        Entry with(ServiceInstance instance) {
            Map<ServiceKey, ServiceInstance> next = new LinkedHashMap<>(instances);
            next.put(instance.serviceKey(), instance);
            return new Entry(next, new CompletableFuture<>());
        }

        Entry without(ServiceInstance instance) {
            Map<ServiceKey, ServiceInstance> next = new LinkedHashMap<>(instances);
            next.remove(instance.serviceKey());
            return next.isEmpty() ? null : new Entry(next, new CompletableFuture<>());
        }
    }

    public Registrations(EurekaHttp http, EurekaLayout layout, Lease lease, ScheduledExecutorService registrar) {
        this.http = http;
        this.layout = layout;
        this.lease = lease;
        this.registrar = registrar;
    }

    /** Starts renewing. */
    public void start() {
        registrar.scheduleWithFixedDelay(
                this::renewAll, lease.renewMillis(), lease.renewMillis(), TimeUnit.MILLISECONDS);
    }

    public void put(ServiceInstance instance) {
        Group group = Group.of(instance);
        entries.compute(
                group,
                (key, entry) -> entry == null
                        ? new Entry(Map.of(instance.serviceKey(), instance), new CompletableFuture<>())
                        : entry.with(instance));
        run(() -> register(group));
    }

    /** Completes once a registration holding {@code instance} as it is now was acknowledged; pending meanwhile. */
    public CompletableFuture<Void> confirmation(ServiceInstance instance) {
        Entry entry = entries.get(Group.of(instance));
        return entry == null || !instance.equals(entry.instances().get(instance.serviceKey()))
                ? new CompletableFuture<>()
                : entry.written().copy();
    }

    public void remove(ServiceInstance instance) {
        Group group = Group.of(instance);
        boolean[] known = new boolean[1];
        entries.computeIfPresent(group, (key, entry) -> {
            known[0] = entry.instances().containsKey(instance.serviceKey());
            return known[0] ? entry.without(instance) : entry;
        });
        if (known[0]) {
            run(() -> {
                if (entries.containsKey(group)) {
                    register(group); // the services left
                } else {
                    cancel(group);
                }
            });
        }
    }

    /**
     * Stops renewing, lets a request under way finish (so that no registration lands after its
     * cancellation), then cancels every registration of this client; at most {@code timeoutMillis} in all.
     */
    public void close(long timeoutMillis) {
        List<Group> groups = new ArrayList<>(entries.keySet());
        entries.clear(); // queued registrations find nothing to write
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        registrar.shutdown();
        try {
            registrar.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registrar.shutdownNow();
        for (Group group : groups) {
            if (System.nanoTime() - deadline > 0) {
                log.warn(
                        "Eureka registrations not cancelled within {} ms; they expire with their lease", timeoutMillis);
                return;
            }
            cancel(group);
        }
    }

    private void renewAll() {
        for (Map.Entry<Group, Entry> registration : entries.entrySet()) {
            Group group = registration.getKey();
            if (!registration.getValue().written().isDone()) {
                register(group);
                continue;
            }
            try {
                int status = http.renew(group.app(), layout.instanceId(group.endpoint()));
                if (status == 404) {
                    log.info("Eureka no longer knows {} of {}; registering it again", group.endpoint(), group.app());
                    register(group);
                } else if (status >= 300) {
                    log.warn("Eureka refused to renew {} of {}: HTTP {}", group.endpoint(), group.app(), status);
                }
            } catch (IOException e) {
                log.warn("Renewing {} of {} failed; retrying: {}", group.endpoint(), group.app(), e.toString());
            }
        }
    }

    private void register(Group group) {
        Entry entry = entries.get(group);
        if (entry == null) {
            return;
        }
        List<ServiceInstance> instances = EurekaLayout.ordered(entry.instances().values());
        byte[] body = layout.registration(
                group.app(), group.endpoint(), instances, lease.seconds(), lease.renewSeconds(), nextDirtyMillis());
        try {
            int status = http.register(group.app(), body);
            if (status / 100 == 2) {
                entry.written().complete(null);
            } else {
                log.warn(
                        "Eureka refused to register {} of {}: HTTP {}; retrying",
                        group.endpoint(),
                        group.app(),
                        status);
            }
        } catch (IOException e) {
            log.warn("Registering {} of {} failed; retrying: {}", group.endpoint(), group.app(), e.toString());
        }
    }

    private void cancel(Group group) {
        try {
            http.cancel(group.app(), layout.instanceId(group.endpoint()));
        } catch (IOException e) {
            log.warn(
                    "Cancelling {} of {} failed; it expires with its lease: {}",
                    group.endpoint(),
                    group.app(),
                    e.toString());
        }
    }

    /** Later than every version sent before: Eureka keeps the registration with the later one. */
    private long nextDirtyMillis() {
        lastDirtyMillis = Math.max(System.currentTimeMillis(), lastDirtyMillis + 1);
        return lastDirtyMillis;
    }

    private void run(Runnable request) {
        try {
            registrar.execute(request);
        } catch (RejectedExecutionException e) {
            // the registry is closing; close() cancels what is registered
        }
    }
}
