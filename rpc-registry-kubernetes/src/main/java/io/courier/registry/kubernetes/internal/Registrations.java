package io.courier.registry.kubernetes.internal;

import io.courier.api.ServiceInstance;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's registrations: one EndpointSlice each, written in the background, renewed every third
 * of the lease (a merge patch of {@link SliceLayout#RENEWED_ANNOTATION}) and deleted on withdrawal.
 * A write that fails is tried again at the next renewal; a renewal that finds its slice gone (someone
 * deleted it) writes it again. Every write and renewal also tells whether the API server answers.
 *
 * <p>Thread-safe: writes run on {@code registrar}, one at a time.
 */
public final class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final KubernetesClient client;
    private final String namespace;
    private final SliceLayout layout;
    private final long leaseMillis;
    private final ScheduledExecutorService registrar;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile boolean reachable;
    private volatile boolean everReachable;

    /** One registration: its instance and whether the slice is known written. */
    private static final class Entry {
        final ServiceInstance instance;
        final CompletableFuture<Void> written = new CompletableFuture<>();

        Entry(ServiceInstance instance) {
            this.instance = instance;
        }
    }

    public Registrations(
            KubernetesClient client,
            String namespace,
            SliceLayout layout,
            long leaseMillis,
            ScheduledExecutorService registrar) {
        this.client = client;
        this.namespace = namespace;
        this.layout = layout;
        this.leaseMillis = leaseMillis;
        this.registrar = registrar;
    }

    /** Starts renewing (and, with nothing to renew, checking that the API server answers). */
    public void start() {
        long period = Math.max(100, leaseMillis / 3);
        registrar.scheduleWithFixedDelay(this::renewAll, 0, period, TimeUnit.MILLISECONDS);
    }

    public void put(ServiceInstance instance) {
        String name = layout.sliceName(instance.serviceKey(), instance.endpoint());
        entries.put(name, new Entry(instance));
        registrar.execute(() -> write(name));
    }

    /** Completes once the slice of {@code instance} with its current metadata is written; pending meanwhile. */
    public CompletableFuture<Void> confirmation(ServiceInstance instance) {
        Entry entry = entries.get(layout.sliceName(instance.serviceKey(), instance.endpoint()));
        return entry == null || !entry.instance.equals(instance) ? new CompletableFuture<>() : entry.written.copy();
    }

    public void remove(ServiceInstance instance) {
        String name = layout.sliceName(instance.serviceKey(), instance.endpoint());
        if (entries.remove(name) != null) {
            registrar.execute(() -> delete(name));
        }
    }

    public boolean isReachable() {
        return reachable;
    }

    public boolean wasEverReachable() {
        return everReachable;
    }

    /** Deletes every slice of this client, waiting at most {@code timeoutMillis} in all. */
    public void close(long timeoutMillis) {
        List<String> names = new ArrayList<>(entries.keySet());
        entries.clear();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (String name : names) {
            if (System.nanoTime() - deadline > 0) {
                log.warn(
                        "{} registrations not withdrawn within {} ms; they expire with their lease",
                        names.size(),
                        timeoutMillis);
                return;
            }
            delete(name);
        }
    }

    private void renewAll() {
        if (entries.isEmpty()) {
            answered(() -> client.discovery()
                    .v1()
                    .endpointSlices()
                    .inNamespace(namespace)
                    .list(limitOne()));
            return;
        }
        for (String name : entries.keySet()) {
            renew(name);
        }
    }

    private void renew(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return;
        }
        if (!entry.written.isDone()) {
            write(name);
            return;
        }
        String patch = "{\"metadata\":{\"annotations\":{\"" + SliceLayout.RENEWED_ANNOTATION + "\":\""
                + System.currentTimeMillis() + "\"}}}";
        EndpointSlice renewed = answered(() -> client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        if (renewed == null && reachable) {
            write(name); // deleted behind this client's back
        }
    }

    private void write(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            return;
        }
        EndpointSlice slice = layout.slice(entry.instance, leaseMillis, System.currentTimeMillis());
        EndpointSlice written = answered(() -> client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .resource(slice)
                .createOr(NonDeletingOperation::update));
        if (written != null && entries.get(name) == entry) {
            entry.written.complete(null);
        }
    }

    private void delete(String name) {
        answered(() -> client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withName(name)
                .delete());
    }

    /** Runs a request; null if it failed (logged), or if the object was not found. */
    private <T> T answered(Supplier<T> request) {
        try {
            T answer = request.get();
            reachable = true;
            everReachable = true;
            return answer;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                reachable = true;
                return null;
            }
            if (reachable) {
                log.warn("The Kubernetes API server refused or did not answer; retrying: {}", e.getMessage());
            }
            reachable = e.getCode() > 0 && e.getCode() < 500;
            return null;
        } catch (RuntimeException e) {
            log.warn("Writing a registration failed; retrying", e);
            reachable = false;
            return null;
        }
    }

    private static ListOptions limitOne() {
        return new ListOptionsBuilder().withLimit(1L).build();
    }
}
