package io.courier.registry.etcd.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's view of a service's providers. Snapshots are offered from the watch thread and
 * delivered on the notification pool, one at a time and in order; a snapshot superseded before its
 * turn is dropped (the listener wants the latest complete list, not each step), and a list equal to
 * the delivered one is not delivered again.
 *
 * <p>Empty-push protection: with it on, an empty list is withheld while {@code reachable} says a
 * provider of the delivered list is still reachable (the registry lost everything, the providers
 * did not); it is checked again every {@value #RECHECK_MILLIS} ms and delivered once none is. A
 * check that throws counts as reachable.
 *
 * <p>Thread-safe; {@link #accept} never blocks.
 */
public final class Subscription implements Consumer<List<ServiceInstance>>, AutoCloseable {

    static final long RECHECK_MILLIS = 1_000;

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);

    private final ServiceKey serviceKey;
    private final Consumer<List<ServiceInstance>> listener;
    private final Predicate<Endpoint> reachable;
    private final boolean emptyProtection;
    private final Executor pool;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    // guarded by lock
    private List<ServiceInstance> pending;
    private List<ServiceInstance> latest; // the last offered, delivered or not
    private boolean draining;
    private boolean answered; // a list came from etcd
    private boolean closed;
    // only the draining task touches it; draining tasks never overlap
    private List<ServiceInstance> delivered;
    private List<ServiceInstance> withheld;

    public Subscription(
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
        this.pool = pool;
        this.timer = timer;
    }

    /** Offers a complete, sorted, immutable snapshot from etcd. */
    @Override
    public void accept(List<ServiceInstance> snapshot) {
        offer(snapshot, true);
    }

    /**
     * Offers the list to use while etcd has not answered (the cache file's, or empty): delivered only
     * if nothing came from etcd yet.
     */
    public void offerFallback(List<ServiceInstance> fallback) {
        synchronized (lock) {
            if (answered || latest != null) {
                return;
            }
        }
        if (fallback.isEmpty()) {
            log.info("etcd has not answered and the cache knows no provider of {}", serviceKey);
        } else {
            log.info("etcd has not answered; serving {} cached providers of {} meanwhile", fallback.size(), serviceKey);
        }
        offer(fallback, false);
    }

    private void offer(List<ServiceInstance> snapshot, boolean fromEtcd) {
        synchronized (lock) {
            if (closed || (!fromEtcd && answered)) {
                return;
            }
            answered |= fromEtcd;
            pending = snapshot;
            latest = snapshot;
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            close();
        }
    }

    private void drain() {
        while (true) {
            List<ServiceInstance> next;
            synchronized (lock) {
                next = pending;
                pending = null;
                if (next == null || closed) {
                    draining = false;
                    return;
                }
            }
            deliver(next);
        }
    }

    private void deliver(List<ServiceInstance> next) {
        if (next.equals(delivered)) {
            return;
        }
        if (next.isEmpty() && emptyProtection && delivered != null && anyReachable(delivered)) {
            if (withheld != next) {
                withheld = next;
                log.warn(
                        "etcd reports no provider of {} while some of the last list are still reachable; keeping it",
                        serviceKey);
            }
            try {
                timer.schedule(() -> recheck(next), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the registry closed
            }
            return;
        }
        delivered = next;
        withheld = null;
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            log.error("A provider listener of {} failed", serviceKey, e);
        }
    }

    /** Offers the withheld list again unless a newer one came meanwhile. */
    private void recheck(List<ServiceInstance> withheld) {
        synchronized (lock) {
            if (latest != withheld || closed) {
                return;
            }
        }
        accept(withheld);
    }

    private boolean anyReachable(List<ServiceInstance> instances) {
        for (ServiceInstance instance : instances) {
            try {
                if (reachable.test(instance.endpoint())) {
                    return true;
                }
            } catch (RuntimeException e) {
                // an unsure answer must not empty the list
                log.debug("The reachability check of {} failed; counting it reachable", instance.endpoint(), e);
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            pending = null;
        }
    }
}
