package io.courier.core.discovery;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.concurrent.Mailbox;
import io.courier.core.concurrent.SerialExecutor;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's view of a service's providers, the policy every registry's subscription follows:
 * the registry's store feeds it complete lists ({@link #setInstances}), and it decides what the
 * listener sees. Get one from {@link ProviderDiscovery#subscribe}.
 *
 * <p>Rules, applied one list at a time on the list's own serial executor:
 *
 * <ul>
 *   <li>the listener gets complete lists only, never the same list twice in a row, one call at a
 *       time; a list superseded before its turn is skipped (each is complete, so nothing is lost);
 *   <li>a fallback list (from the cache file, or empty when it has none) is delivered only while
 *       nothing came from the store yet;
 *   <li>{@link #whenReady()} completes with the first delivery, from the store or the fallback;
 *   <li>protection ({@link EmptyProtection}) may withhold an empty list or a mass withdrawal while
 *       dropped providers are still reachable;
 *   <li>a listener that throws is logged and keeps receiving.
 * </ul>
 *
 * <p>{@link #close()} stops deliveries and lets go of every list, the listener and the timers, so
 * that a closed subscription keeps nothing reachable. Thread-safe; {@link #setInstances} never
 * blocks.
 */
public final class ProviderList implements Consumer<List<ServiceInstance>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderList.class);

    private final ServiceKey serviceKey;
    private final EmptyProtection protection;
    private final SerialExecutor serial;
    private final Mailbox<List<ServiceInstance>> fromStore;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile Future<?> fallbackTimer;
    // confined to serial; null once closed, so a closed list holds neither the listener nor a list
    private Consumer<List<ServiceInstance>> listener;
    private List<ServiceInstance> latest;
    private List<ServiceInstance> delivered;
    private boolean storeAnswered;
    private ScheduledFuture<?> recheck;

    ProviderList(
            ServiceKey serviceKey,
            Consumer<List<ServiceInstance>> listener,
            Predicate<Endpoint> reachable,
            boolean emptyProtection,
            Executor pool,
            ScheduledExecutorService timer) {
        this.serviceKey = Objects.requireNonNull(serviceKey, "serviceKey");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.serial = new SerialExecutor(pool);
        this.protection = new EmptyProtection(serviceKey, reachable, emptyProtection, timer, serial);
        this.fromStore = new Mailbox<>(serial, this::onStoreList);
    }

    /**
     * Offers a complete list from the store: sorted by endpoint, immutable, never null. What the
     * listener sees follows the rules above.
     */
    public void setInstances(List<ServiceInstance> instances) {
        fromStore.accept(Objects.requireNonNull(instances, "instances"));
    }

    /** As {@link #setInstances}, so that a store's watch can take this list as a plain sink. */
    @Override
    public void accept(List<ServiceInstance> instances) {
        setInstances(instances);
    }

    /** Completes with the first delivery to the listener; never completes exceptionally. */
    public CompletableFuture<Void> whenReady() {
        return ready.copy();
    }

    /** Stops deliveries (one already running finishes) and lets go of what this list held. */
    @Override
    public void close() {
        closed = true;
        fromStore.close();
        Future<?> fallback = fallbackTimer;
        if (fallback != null) {
            fallback.cancel(false);
        }
        try {
            serial.execute(this::release);
        } catch (RejectedExecutionException e) {
            // the registry's pool is gone; it holds nothing either
        }
    }

    /** Offers {@code fallback} after {@code delayMillis}, to be delivered only if the store has not answered. */
    void scheduleFallback(List<ServiceInstance> fallback, long delayMillis, ScheduledExecutorService timer) {
        if (delayMillis <= 0) {
            serial.execute(() -> onFallback(fallback));
            return;
        }
        try {
            Future<?> scheduled = timer.schedule(
                    () -> serial.execute(() -> onFallback(fallback)), delayMillis, TimeUnit.MILLISECONDS);
            fallbackTimer = scheduled;
            if (closed) {
                // closed while scheduling: close() may not have seen the timer
                scheduled.cancel(false);
            }
        } catch (RejectedExecutionException e) {
            // the registry closed meanwhile
        }
    }

    private void onFallback(List<ServiceInstance> fallback) {
        fallbackTimer = null;
        if (storeAnswered || delivered != null || closed) {
            return;
        }
        if (fallback.isEmpty()) {
            log.info("The registry has not answered and the cache knows no provider of {}", serviceKey);
        } else {
            log.info(
                    "The registry has not answered; serving {} cached providers of {} meanwhile",
                    fallback.size(),
                    serviceKey);
        }
        deliver(fallback);
    }

    private void onStoreList(List<ServiceInstance> instances) {
        storeAnswered = true;
        latest = instances;
        apply();
    }

    /** Delivers the latest list from the store unless protection holds the delivered one; on serial. */
    private void apply() {
        if (closed || latest == null) {
            return;
        }
        if (protection.holds(delivered, latest, this::apply)) {
            return;
        }
        deliver(latest);
    }

    private void deliver(List<ServiceInstance> instances) {
        if (closed || instances.equals(delivered)) {
            return;
        }
        delivered = instances;
        try {
            listener.accept(instances);
        } catch (RuntimeException e) {
            log.error("A provider listener of {} failed", serviceKey, e);
        }
        ready.complete(null);
    }

    private void release() {
        protection.close();
        listener = null;
        latest = null;
        delivered = null;
    }
}
