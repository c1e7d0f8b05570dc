package io.courier.registry.zookeeper.internal;

import io.courier.core.concurrent.SerialExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Publishes snapshots of a changing state to sinks, one publication at a time and in order.
 *
 * <p>A change is published once no further change has been signalled for a quiet time (the end of
 * its burst), and at the latest {@code maxSettleMillis} after it was first signalled. The quiet time
 * is {@code settleMillis} for a lone change and grows with the burst, by {@value #QUIET_MICROS_PER_CHANGE}
 * µs per change signalled in it up to {@value #MAX_QUIET_FACTOR} times {@code settleMillis}, so that a
 * writer pausing between batches of a large burst does not split it:
 * a burst (every provider of a host leaving with its session, an operator's wipe, the withdrawal of
 * thousands of instances, a node replaced by a delete-and-create transaction) is seen as one step
 * rather than as a series of partial lists, whatever its size, while a lone change waits only
 * {@code settleMillis}. A snapshot equal to the last published one is not published again; a null
 * snapshot means "nothing to publish, keep the last one".
 *
 * <p>Thread-safe. Sinks run on {@code executor}'s threads, one at a time, and must be quick.
 *
 * @param <S> the snapshot type
 */
public final class Publisher<S> {

    private final Supplier<S> snapshot;
    private final SerialExecutor serial;
    private final ScheduledExecutorService timer;
    /** How much each change of a burst lengthens the quiet time that ends it. */
    static final long QUIET_MICROS_PER_CHANGE = 400;

    /** The longest quiet time, in multiples of the settle time. */
    static final int MAX_QUIET_FACTOR = 5;

    private final long settleNanos;
    private final AtomicInteger changesInBurst = new AtomicInteger();
    private final long maxSettleNanos;
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** When the last change was signalled, and when the pending publication's first one was. */
    private volatile long lastChangeNanos;

    private volatile long firstChangeNanos;
    // confined to serial
    private final List<Consumer<S>> sinks = new ArrayList<>();
    private S current;

    /** @param settleMillis how long a change waits for the rest of its burst; 0 publishes at once */
    public Publisher(Executor executor, ScheduledExecutorService timer, long settleMillis, Supplier<S> snapshot) {
        this(executor, timer, settleMillis, settleMillis, snapshot);
    }

    /**
     * @param settleMillis the quiet time that ends a burst; 0 publishes at once
     * @param maxSettleMillis the longest a change waits while its burst goes on
     */
    public Publisher(
            Executor executor,
            ScheduledExecutorService timer,
            long settleMillis,
            long maxSettleMillis,
            Supplier<S> snapshot) {
        this.snapshot = snapshot;
        this.serial = new SerialExecutor(executor);
        this.timer = timer;
        this.settleNanos = TimeUnit.MILLISECONDS.toNanos(settleMillis);
        this.maxSettleNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(settleMillis, maxSettleMillis));
    }

    /** Schedules a publication of a fresh snapshot once the burst this change belongs to is over. */
    public void changed() {
        long now = System.nanoTime();
        lastChangeNanos = now;
        changesInBurst.incrementAndGet();
        if (!dirty.compareAndSet(false, true)) {
            return;
        }
        if (settleNanos == 0) {
            serial.execute(this::publish);
            return;
        }
        firstChangeNanos = now;
        schedule(settleNanos);
    }

    private void schedule(long delayNanos) {
        try {
            timer.schedule(this::settled, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
    }

    /** The settle time of the pending publication is up: publish, or wait for the burst to end. */
    private void settled() {
        long now = System.nanoTime();
        long quietFor = now - lastChangeNanos;
        long waitedFor = now - firstChangeNanos;
        long quiet = Math.min(
                settleNanos * MAX_QUIET_FACTOR,
                settleNanos + TimeUnit.MICROSECONDS.toNanos(QUIET_MICROS_PER_CHANGE * changesInBurst.get()));
        if (quietFor < quiet && waitedFor < maxSettleNanos) {
            schedule(Math.min(quiet - quietFor, maxSettleNanos - waitedFor));
            return;
        }
        serial.execute(this::publish);
    }

    /** Publishes a fresh snapshot without waiting, for a state known to be complete. */
    public void publishNow() {
        dirty.set(true);
        serial.execute(this::publish);
    }

    /** Adds {@code sink}; it receives the last published snapshot at once if there is one. */
    public void addSink(Consumer<S> sink) {
        serial.execute(() -> {
            sinks.add(sink);
            if (current != null) {
                sink.accept(current);
            }
        });
    }

    public void removeSink(Consumer<S> sink) {
        serial.execute(() -> sinks.remove(sink));
    }

    /** Forgets the sinks and the last snapshot, so that a closed watch holds no list. */
    public void clear() {
        serial.execute(() -> {
            sinks.clear();
            current = null;
        });
    }

    private void publish() {
        // cleared before the snapshot is taken, so a change during it schedules another publication
        changesInBurst.set(0);
        dirty.set(false);
        S next = snapshot.get();
        if (next == null || next.equals(current)) {
            return;
        }
        current = next;
        for (Consumer<S> sink : sinks) {
            sink.accept(next);
        }
    }
}
