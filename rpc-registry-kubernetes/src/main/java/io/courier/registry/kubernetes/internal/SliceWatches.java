package io.courier.registry.kubernetes.internal;

import io.courier.api.ServiceKey;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry client's watches of EndpointSlices: one fabric8 informer per followed service (its label
 * selector: one list, then one watch resumed from the last resourceVersion), shared by the service's
 * feeds. An informer whose last feed left is kept {@value #LINGER_MILLIS} ms before it is stopped, so
 * that the service subscribed again within that time (a reference made again, a console browsing, a
 * gateway's generic reference expiring) reads the informer's cache instead of listing again, and that a
 * watch is never closed while the API server is still sending its first events (a real server wasted
 * the list; fabric8's mock server stalls for 30 s on a connection closed under its writes).
 *
 * <p>A feed joining a running informer is handed every slice the informer holds before its handler is
 * added (fabric8 replays its cache to a new handler under the informer's lock), so it misses nothing
 * and sees no event twice out of order. Thread-safe.
 */
public final class SliceWatches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SliceWatches.class);
    static final long LINGER_MILLIS = 30_000;

    private final KubernetesClient client;
    private final String namespace;
    private final SliceLayout layout;
    private final ScheduledExecutorService timer;
    private final Map<ServiceKey, Watch> watches = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /** One service's informer, its first list, its feeds and its pending stop. */
    private static final class Watch {
        final SharedIndexInformer<EndpointSlice> informer;
        CompletionStage<Void> listed;
        int users;
        ScheduledFuture<?> stop;

        Watch(SharedIndexInformer<EndpointSlice> informer) {
            this.informer = informer;
        }
    }

    public SliceWatches(KubernetesClient client, String namespace, SliceLayout layout, ScheduledExecutorService timer) {
        this.client = client;
        this.namespace = namespace;
        this.layout = layout;
        this.timer = timer;
    }

    /**
     * Adds {@code handler} to the informer of {@code serviceKey}, started now if it has none: the handler
     * gets the slices it holds, then every change.
     *
     * @return completes once the informer's first list is complete (at once for one that was running)
     * @throws IllegalStateException once closed ({@code "Registry is closed"})
     */
    public synchronized CompletionStage<Void> join(ServiceKey serviceKey, ResourceEventHandler<EndpointSlice> handler) {
        if (closed) {
            throw new IllegalStateException("Registry is closed");
        }
        Watch watch = watches.get(serviceKey);
        if (watch == null) {
            watch = new Watch(informer(serviceKey));
            watches.put(serviceKey, watch);
            watch.informer.addEventHandler(handler);
            watch.listed = watch.informer.start();
        } else {
            watch.informer.addEventHandler(handler);
        }
        if (watch.stop != null) {
            watch.stop.cancel(false);
            watch.stop = null;
        }
        watch.users++;
        return watch.listed;
    }

    /** Removes {@code handler}; the informer is stopped {@value #LINGER_MILLIS} ms after its last one left, unless joined again. */
    public synchronized void leave(ServiceKey serviceKey, ResourceEventHandler<EndpointSlice> handler) {
        Watch watch = watches.get(serviceKey);
        if (watch == null) {
            return;
        }
        watch.informer.removeEventHandler(handler);
        if (--watch.users > 0) {
            return;
        }
        try {
            watch.stop = timer.schedule(() -> stopUnused(serviceKey, watch), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stopUnused(serviceKey, watch); // the registry is closing
        }
    }

    /** The slices the informer of {@code serviceKey} holds now; empty where none runs. */
    public synchronized List<EndpointSlice> held(ServiceKey serviceKey) {
        Watch watch = watches.get(serviceKey);
        return watch == null ? List.of() : watch.informer.getStore().list();
    }

    /** Whether the informer of {@code serviceKey} runs (with feeds, or lingering), for tests. */
    public synchronized boolean isFollowing(ServiceKey serviceKey) {
        return watches.containsKey(serviceKey);
    }

    /** Stops every informer; nothing joins after this. Idempotent. */
    @Override
    public void close() {
        List<Watch> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(watches.values());
            watches.clear();
        }
        open.forEach(watch -> watch.informer.stop());
    }

    private void stopUnused(ServiceKey serviceKey, Watch watch) {
        synchronized (this) {
            if (watch.users > 0 || watches.get(serviceKey) != watch) {
                return;
            }
            watches.remove(serviceKey);
        }
        watch.informer.stop();
    }

    private SharedIndexInformer<EndpointSlice> informer(ServiceKey serviceKey) {
        SharedIndexInformer<EndpointSlice> informer = client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabels(layout.selector(serviceKey))
                .runnableInformer(0);
        informer.exceptionHandler((started, error) -> {
            log.warn("Following the EndpointSlices of {} failed; retrying: {}", serviceKey, error.toString());
            return true;
        });
        return informer;
    }
}
