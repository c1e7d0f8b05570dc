package io.courier.cluster.strategy;

import io.courier.api.Invoker;
import io.courier.api.cluster.CandidateSelector;
import io.courier.api.cluster.Cluster;
import io.courier.spi.Extension;

/**
 * {@code failback}: one attempt; on failure the call answers an empty result at once (as
 * {@code failsafe}) and, if the failure is {@linkplain RetryPolicy safe to retry}, the call is
 * queued for background retries on another instance after {@value #FIRST_DELAY_MILLIS} ms, then
 * twice that, up to {@value #MAX_RETRIES} retries. For notifications that must arrive eventually
 * but need not hold up the caller.
 *
 * <p>The queue is bounded: at most {@value #QUEUE_CAPACITY} calls per reference wait for a retry;
 * beyond that a failed call is dropped and logged. A failure that may have executed a
 * non-idempotent method is never queued (it is logged), since retrying it could run it twice.
 * Background retries do not draw from the retry budget: the queue bound and the delays already
 * limit them. No thread is started: retries wait on the JDK's shared delay timer and, once the
 * directory is closed, end with their next attempt.
 */
@Extension("failback")
public final class FailbackCluster implements Cluster {

    static final int QUEUE_CAPACITY = 1_000;
    static final int MAX_RETRIES = 3;
    static final long FIRST_DELAY_MILLIS = 5_000;

    private final Scheduler scheduler;
    private final int capacity;

    public FailbackCluster() {
        this(Scheduler.SHARED, QUEUE_CAPACITY);
    }

    FailbackCluster(Scheduler scheduler, int capacity) {
        this.scheduler = scheduler;
        this.capacity = capacity;
    }

    @Override
    public Invoker join(CandidateSelector selector) {
        return new FailbackInvoker(selector, scheduler, capacity);
    }
}
