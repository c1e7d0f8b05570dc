package io.courier.registry.kubernetes.internal;

import io.courier.api.coordination.LeaderElection;
import io.courier.core.coordination.Leadership;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a group's election on the group's Lease, the scheme of Kubernetes' own leader election:
 * a member that does not lead tries to take the Lease every {@value #POLL_MILLIS} ms (it gets it once
 * free or expired); the leader renews it every third of its duration, and stops leading at once when a
 * renewal finds the Lease changed (it expired and was taken) or the API server fails or cannot be
 * reached. Leaving clears the holder, so the next member takes it within a poll. Ticks run on the
 * coordination's scheduler; the listener hears gains and losses on its events thread. Thread-safe.
 */
final class LeaseElection implements LeaderElection {

    static final long POLL_MILLIS = 200;
    private static final Logger log = LoggerFactory.getLogger(LeaseElection.class);

    private final String group;
    private final String holder;
    private final LeaseRecords records;
    private final Leadership leadership;
    private final ScheduledExecutorService scheduler;
    private final Executor events;
    private final long renewMillis;
    private final Consumer<LeaseElection> onClose;
    private LeaseTerm term; // guarded by this; non-null while leading
    private boolean closed; // guarded by this
    private ScheduledFuture<?> next; // guarded by this

    LeaseElection(
            String group,
            String holder,
            LeaseRecords records,
            Leadership leadership,
            ScheduledExecutorService scheduler,
            Executor events,
            Consumer<LeaseElection> onClose) {
        this.group = group;
        this.holder = holder;
        this.records = records;
        this.leadership = leadership;
        this.scheduler = scheduler;
        this.events = events;
        this.renewMillis = Math.max(100, records.durationSeconds() * 1000L / 3);
        this.onClose = onClose;
    }

    void start() {
        schedule(0);
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public synchronized boolean isLeader() {
        return term != null;
    }

    @Override
    public synchronized OptionalLong fencingToken() {
        return term == null ? OptionalLong.empty() : OptionalLong.of(term.token());
    }

    @Override
    public void close() {
        LeaseTerm held;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (next != null) {
                next.cancel(false);
            }
            held = term;
            term = null;
        }
        if (held != null) {
            tell(leadership::lost);
            records.release(held);
        }
        onClose.accept(this);
    }

    private void tick() {
        LeaseTerm current;
        synchronized (this) {
            if (closed) {
                return;
            }
            current = term;
        }
        try {
            LeaseTerm after =
                    current == null ? records.take(LeaseRecords.ELECTION, group, holder) : records.renew(current);
            if (after == null && current != null) {
                lose(current, "its Lease expired and changed hands");
            } else if (after != null) {
                lead(current, after);
            }
        } catch (KubernetesClientException e) {
            if (current != null) {
                lose(current, "the Kubernetes API server failed or could not be reached");
            }
        }
        synchronized (this) {
            schedule(term != null ? renewMillis : POLL_MILLIS);
        }
    }

    private void lead(LeaseTerm before, LeaseTerm after) {
        synchronized (this) {
            if (closed) {
                records.release(after); // left while taking it
                return;
            }
            term = after;
        }
        if (before == null) {
            tell(() -> leadership.gained(after.token()));
        }
    }

    private void lose(LeaseTerm ended, String why) {
        synchronized (this) {
            if (term != ended) {
                return;
            }
            term = null;
        }
        log.warn("Leadership of '{}' ends: {}", group, why);
        tell(leadership::lost);
    }

    private synchronized void schedule(long delayMillis) {
        if (closed) {
            return;
        }
        try {
            next = scheduler.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the coordination is closing
        }
    }

    private void tell(Runnable change) {
        try {
            events.execute(change);
        } catch (RejectedExecutionException e) {
            log.debug("Coordination closed; the leadership change of '{}' not told", group);
        }
    }
}
