package io.courier.core.discovery;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empty-push and mass-withdrawal protection for one {@link ProviderList}: with it on, a list that
 * shrinks the delivered one to nothing, or to less than {@value #SHRINK_THRESHOLD_PERCENT}% of its
 * size, is withheld while {@code reachable} says any provider it drops is still reachable (a wiped
 * or partitioned store, a mass withdrawal with the providers still running). While a list is
 * withheld, reachability is checked again every {@value #RECHECK_MILLIS} ms; the list goes through
 * once none of the dropped providers is reachable, or at once when a later list is no longer such a
 * shrink. A check that throws counts as reachable: an unsure answer must not wipe the list.
 *
 * <p>Confined to its list's serial executor, but for the timer, which only hands work back to it.
 */
final class EmptyProtection {

    static final long RECHECK_MILLIS = 1_000;

    /** A list below this share of the delivered one is protected like an empty one. */
    static final int SHRINK_THRESHOLD_PERCENT = 20;

    private static final Logger log = LoggerFactory.getLogger(EmptyProtection.class);

    private final ServiceKey serviceKey;
    private final Predicate<Endpoint> reachable;
    private final boolean enabled;
    private final ScheduledExecutorService timer;
    private final Executor serial;
    private ScheduledFuture<?> recheck;

    EmptyProtection(
            ServiceKey serviceKey,
            Predicate<Endpoint> reachable,
            boolean enabled,
            ScheduledExecutorService timer,
            Executor serial) {
        this.serviceKey = serviceKey;
        this.reachable = reachable;
        this.enabled = enabled;
        this.timer = timer;
        this.serial = serial;
    }

    /**
     * Whether {@code delivered} stays in force instead of {@code next}; while it does, {@code again}
     * runs on the serial executor every {@value #RECHECK_MILLIS} ms.
     */
    boolean holds(List<ServiceInstance> delivered, List<ServiceInstance> next, Runnable again) {
        if (enabled && shrinks(delivered, next)) {
            List<ServiceInstance> dropped = dropped(delivered, next);
            int stillReachable = countReachable(dropped);
            if (stillReachable > 0) {
                if (recheck == null) {
                    log.warn(
                            "The registry reports {} of the {} known providers of {}; keeping the known ones while {} of the {} dropped are reachable (empty-push protection)",
                            next.size(),
                            delivered.size(),
                            serviceKey,
                            stillReachable,
                            dropped.size());
                    scheduleRecheck(again);
                }
                return true;
            }
            log.warn(
                    "The registry reports {} of the {} known providers of {} and none of the dropped ones is reachable",
                    next.size(),
                    delivered.size(),
                    serviceKey);
        }
        close();
        return false;
    }

    /** Stops re-checking. */
    void close() {
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
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

    private int countReachable(List<ServiceInstance> instances) {
        int count = 0;
        for (ServiceInstance instance : instances) {
            try {
                if (reachable.test(instance.endpoint())) {
                    count++;
                }
            } catch (RuntimeException e) {
                log.warn("Reachability check of {} failed; counting it as reachable", instance.endpoint(), e);
                count++;
            }
        }
        return count;
    }

    private void scheduleRecheck(Runnable again) {
        try {
            recheck = timer.scheduleWithFixedDelay(
                    () -> serial.execute(again), RECHECK_MILLIS, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
    }
}
