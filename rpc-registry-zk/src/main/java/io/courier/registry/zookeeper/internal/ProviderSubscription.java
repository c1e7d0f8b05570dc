package io.courier.registry.zookeeper.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.internal.Mailbox;
import io.courier.api.internal.SerialExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's view of a service's providers: receives full snapshots from a {@link
 * ProviderWatch} (and, before ZooKeeper answers, from the cache file) and decides what the listener
 * sees.
 *
 * <p>Rules, applied one snapshot at a time on the subscription's own serial executor:
 *
 * <ul>
 *   <li>the listener gets complete lists only, never the same list twice in a row;
 *   <li>a fallback list (from the cache file, or empty when it has none) is delivered only while
 *       nothing came from ZooKeeper yet;
 *   <li>empty-push protection: with it on, a list that shrinks the delivered one to nothing, or to
 *       less than {@value #SHRINK_THRESHOLD_PERCENT}% of its size, is withheld while {@code
 *       reachable} says any provider it drops is still reachable (a wipe, a partitioned ZooKeeper,
 *       a mass withdrawal with the providers still running); while it is withheld, reachability is
 *       checked again every {@value #RECHECK_MILLIS} ms, and the list is delivered once none of the
 *       dropped providers is reachable, or at once when a later list is no longer such a shrink.
 * </ul>
 *
 * Thread-safe. {@link #accept} never blocks.
 */
public final class ProviderSubscription implements Consumer<List<ServiceInstance>>, AutoCloseable {

    static final long RECHECK_MILLIS = 1_000;

    /** A list below this share of the delivered one is protected like an empty one. */
    static final int SHRINK_THRESHOLD_PERCENT = 20;

    private static final Logger log = LoggerFactory.getLogger(ProviderSubscription.class);

    private final ServiceKey serviceKey;
    private final Consumer<List<ServiceInstance>> listener;
    private final Predicate<Endpoint> reachable;
    private final boolean emptyProtection;
    private final ScheduledExecutorService timer;
    private final SerialExecutor serial;
    private final Mailbox<List<ServiceInstance>> fromRegistry;
    private volatile boolean closed;
    // confined to serial
    private List<ServiceInstance> latest;
    private List<ServiceInstance> delivered;
    private boolean registryAnswered;
    private ScheduledFuture<?> recheck;

    public ProviderSubscription(
            ServiceKey serviceKey,
            Consumer<List<ServiceInstance>> listener,
            Predicate<Endpoint> reachable,
            boolean emptyProtection,
            Executor pool,
            ScheduledExecutorService timer) {
        this.serviceKey = serviceKey;
        this.listener = listener;
        this.reachable = reachable;
        this.emptyProtection = emptyProtection;
        this.timer = timer;
        this.serial = new SerialExecutor(pool);
        this.fromRegistry = new Mailbox<>(serial, this::onRegistrySnapshot);
    }

    /** A snapshot from ZooKeeper. */
    @Override
    public void accept(List<ServiceInstance> snapshot) {
        fromRegistry.accept(snapshot);
    }

    /** The list to use while ZooKeeper has not answered: delivered only if it has not answered yet. */
    public void offerFallback(List<ServiceInstance> fallback) {
        serial.execute(() -> {
            if (!registryAnswered && delivered == null && !closed) {
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
        });
    }

    /** Stops deliveries; a delivery already running finishes. */
    @Override
    public void close() {
        closed = true;
        fromRegistry.close();
        serial.execute(this::cancelRecheck);
    }

    private void onRegistrySnapshot(List<ServiceInstance> snapshot) {
        registryAnswered = true;
        latest = snapshot;
        apply();
    }

    private void apply() {
        if (closed || latest == null) {
            return;
        }
        if (emptyProtection && shrinks(delivered, latest)) {
            List<ServiceInstance> dropped = dropped(delivered, latest);
            int stillReachable = countReachable(dropped);
            if (stillReachable > 0) {
                if (recheck == null) {
                    log.warn(
                            "The registry reports {} of the {} known providers of {}; keeping the known ones while {} of the {} dropped are reachable (empty-push protection)",
                            latest.size(),
                            delivered.size(),
                            serviceKey,
                            stillReachable,
                            dropped.size());
                    scheduleRecheck();
                }
                return;
            }
            log.warn(
                    "The registry reports {} of the {} known providers of {} and none of the dropped ones is reachable",
                    latest.size(),
                    delivered.size(),
                    serviceKey);
        }
        cancelRecheck();
        deliver(latest);
    }

    /** Whether {@code next} leaves less than the threshold of the non-empty {@code previous}. */
    static boolean shrinks(List<ServiceInstance> previous, List<ServiceInstance> next) {
        if (previous == null || previous.isEmpty()) {
            return false;
        }
        return next.isEmpty() || (long) next.size() * 100 < (long) previous.size() * SHRINK_THRESHOLD_PERCENT;
    }

    private static List<ServiceInstance> dropped(List<ServiceInstance> previous, List<ServiceInstance> next) {
        if (next.isEmpty()) {
            return previous;
        }
        Set<Endpoint> kept = new HashSet<>();
        for (ServiceInstance instance : next) {
            kept.add(instance.endpoint());
        }
        List<ServiceInstance> dropped = new ArrayList<>();
        for (ServiceInstance instance : previous) {
            if (!kept.contains(instance.endpoint())) {
                dropped.add(instance);
            }
        }
        return dropped;
    }

    private void deliver(List<ServiceInstance> snapshot) {
        if (closed || snapshot.equals(delivered)) {
            return;
        }
        delivered = snapshot;
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            log.error("A provider listener of {} failed", serviceKey, e);
        }
    }

    private int countReachable(List<ServiceInstance> instances) {
        int count = 0;
        for (ServiceInstance instance : instances) {
            try {
                if (reachable.test(instance.endpoint())) {
                    count++;
                }
            } catch (RuntimeException e) {
                // an unsure answer must not wipe the list
                log.warn("Reachability check of {} failed; counting it as reachable", instance.endpoint(), e);
                count++;
            }
        }
        return count;
    }

    private void scheduleRecheck() {
        try {
            recheck = timer.scheduleWithFixedDelay(
                    () -> serial.execute(this::apply), RECHECK_MILLIS, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
    }

    private void cancelRecheck() {
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
    }
}
