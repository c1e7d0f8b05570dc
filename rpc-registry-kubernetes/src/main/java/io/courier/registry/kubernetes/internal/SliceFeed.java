package io.courier.registry.kubernetes.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.discovery.ProviderFeed;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the EndpointSlices of one service through the service's informer ({@link SliceWatches}: one
 * list, then a watch resumed from the last resourceVersion it saw; listed again only when the API server
 * has forgotten that version) and publishes the providers they hold, sorted by host and port. Closing
 * the feed drops its list and leaves the informer to {@link SliceWatches}.
 *
 * <ul>
 *   <li>No list goes out before the informer's first list is complete (and, for an informer that was
 *       already running, before every slice it holds was handed over), so the first one is whole.
 *   <li>A burst of events makes one list, as kube-proxy's minimum sync period does: the list goes out once
 *       no event came for {@value #QUIET_MILLIS} ms, or {@value #MAX_DELAY_MILLIS} ms after the
 *       burst's first event at the latest. The API server sends a bulk delete or a rollout as many
 *       events (etcd sends a transaction as one); one step keeps a mass withdrawal one step, which
 *       empty-push protection must see whole.
 *   <li>A slice with a lease ({@link SliceLayout#LEASE_ANNOTATION}) that sees no change for that
 *       long is left out: its provider stopped renewing (a crash, a partition). The time is this
 *       client's own, measured from the last change it saw, so clocks need not agree.
 * </ul>
 *
 * Thread-safe: state is confined to {@code executor}, a single thread shared with the registry's
 * other feeds; sinks are called there and must not block.
 */
public final class SliceFeed implements ProviderFeed {

    private static final Logger log = LoggerFactory.getLogger(SliceFeed.class);
    static final long QUIET_MILLIS = 50;
    /**
     * The longest a list waits for the end of a burst, as kube-proxy's minimum sync period: a rollout's or a
     * bulk delete's events become one list, and events that keep coming one list a second.
     */
    public static final long MAX_DELAY_MILLIS = 1_000;

    private static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
            ServiceInstance::endpoint, Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));

    private final ServiceKey serviceKey;
    private final SliceReader reader;
    private final ScheduledExecutorService executor;
    private final SliceWatches watches;
    private final ResourceEventHandler<EndpointSlice> handler = new Handler();
    private final List<Consumer<List<ServiceInstance>>> sinks = new CopyOnWriteArrayList<>();
    // confined to executor
    private final Map<String, Held> slices = new HashMap<>();
    private boolean synced;
    private boolean publishPending;
    private long burstStartNanos;
    private long lastEventNanos;
    private boolean closed;
    private ScheduledFuture<?> expiry;
    private volatile List<ServiceInstance> snapshot; // null until the first list

    /** What one slice holds, and until when (nanoTime) it counts. */
    private record Held(List<ServiceInstance> instances, boolean written, long expiresAtNanos) {}

    public SliceFeed(SliceWatches watches, ServiceKey serviceKey, ScheduledExecutorService executor) {
        this.serviceKey = serviceKey;
        this.reader = new SliceReader(serviceKey);
        this.executor = executor;
        this.watches = watches;
    }

    /**
     * Joins the service's informer; the first list goes out once its first list is complete.
     *
     * @throws IllegalStateException if the registry is closed
     */
    public void start() {
        watches.join(serviceKey, handler).whenComplete((ignored, error) -> {
            if (error != null) {
                return;
            }
            // The informer's store is whole once its first list is complete, but its handlers are told
            // on another thread and may still be on their way: the first list is taken from the store, so
            // that it is never a part of the service (the events that follow repeat what it holds).
            List<EndpointSlice> listed = watches.held(serviceKey);
            run(() -> {
                listed.forEach(this::hold);
                synced = true;
                publish();
            });
        });
    }

    /** The informer's events, handed to the feed's thread. */
    private final class Handler implements ResourceEventHandler<EndpointSlice> {
        @Override
        public void onAdd(EndpointSlice slice) {
            run(() -> hold(slice));
        }

        @Override
        public void onUpdate(EndpointSlice previous, EndpointSlice slice) {
            run(() -> hold(slice));
        }

        @Override
        public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
            run(() -> {
                slices.remove(name(slice));
                schedulePublish();
            });
        }
    }

    @Override
    public void addSink(Consumer<List<ServiceInstance>> sink) {
        sinks.add(sink);
        run(() -> {
            if (snapshot != null && sinks.contains(sink)) {
                sink.accept(snapshot);
            }
        });
    }

    @Override
    public void removeSink(Consumer<List<ServiceInstance>> sink) {
        sinks.remove(sink);
    }

    @Override
    public void close() {
        watches.leave(serviceKey, handler);
        run(() -> {
            closed = true;
            slices.clear();
            snapshot = null;
            if (expiry != null) {
                expiry.cancel(false);
            }
        });
        sinks.clear();
    }

    private void hold(EndpointSlice slice) {
        var annotations = slice.getMetadata().getAnnotations();
        String lease = annotations == null ? null : annotations.get(SliceLayout.LEASE_ANNOTATION);
        long expiresAt = Long.MAX_VALUE;
        if (lease != null) {
            try {
                expiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Long.parseLong(lease));
            } catch (NumberFormatException e) {
                log.warn("EndpointSlice {}: lease '{}' is not a number; kept without one", name(slice), lease);
            }
        }
        boolean written = annotations != null && annotations.containsKey(SliceLayout.INSTANCE_ANNOTATION);
        slices.put(name(slice), new Held(reader.read(slice), written, expiresAt));
        schedulePublish();
    }

    private void schedulePublish() {
        lastEventNanos = System.nanoTime();
        if (!publishPending && synced) {
            publishPending = true;
            burstStartNanos = lastEventNanos;
            schedule(this::publishWhenQuiet, TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
        }
    }

    private void publishWhenQuiet() {
        long now = System.nanoTime();
        long quietAt = lastEventNanos + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
        long latest = burstStartNanos + TimeUnit.MILLISECONDS.toNanos(MAX_DELAY_MILLIS);
        long at = Math.min(quietAt, latest);
        if (at - now > 0) {
            schedule(this::publishWhenQuiet, at - now);
        } else {
            publish();
        }
    }

    private void publish() {
        publishPending = false;
        if (closed || !synced) {
            return;
        }
        long now = System.nanoTime();
        long nextExpiry = Long.MAX_VALUE;
        Map<Endpoint, ServiceInstance> byEndpoint = new HashMap<>();
        for (Held held : slices.values()) {
            if (held.expiresAtNanos() - now <= 0) {
                continue;
            }
            nextExpiry = Math.min(nextExpiry, held.expiresAtNanos());
            for (ServiceInstance instance : held.instances()) {
                // a slice Courier wrote says more than a Service's own slice about the same endpoint
                if (held.written() || !byEndpoint.containsKey(instance.endpoint())) {
                    byEndpoint.put(instance.endpoint(), instance);
                }
            }
        }
        List<ServiceInstance> list = new ArrayList<>(byEndpoint.values());
        list.sort(BY_ENDPOINT);
        list = List.copyOf(list);
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        if (nextExpiry != Long.MAX_VALUE) {
            expiry = schedule(this::publish, nextExpiry - now + 1);
        }
        if (!list.equals(snapshot)) {
            snapshot = list;
            for (Consumer<List<ServiceInstance>> sink : sinks) {
                sink.accept(list);
            }
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the registry is closing
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(() -> {
                if (!closed) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
    }

    private static String name(EndpointSlice slice) {
        return slice.getMetadata().getName();
    }
}
