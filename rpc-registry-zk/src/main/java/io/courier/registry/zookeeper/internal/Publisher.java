package io.courier.registry.zookeeper.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Publishes snapshots of a changing state to sinks, one publication at a time and in order.
 *
 * <p>A change is published {@code settleMillis} after it is first signalled, and every change
 * signalled meanwhile joins that publication: a burst (every provider of a host leaving with its
 * session, a node replaced by a delete-and-create transaction) is seen as one step rather than as a
 * series of partial lists. A snapshot equal to the last published one is not published again; a null
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
    private final long settleMillis;
    private final AtomicBoolean dirty = new AtomicBoolean();
    // confined to serial
    private final List<Consumer<S>> sinks = new ArrayList<>();
    private S current;

    /** @param settleMillis how long a change waits for the rest of its burst; 0 publishes at once */
    public Publisher(Executor executor, ScheduledExecutorService timer, long settleMillis, Supplier<S> snapshot) {
        this.snapshot = snapshot;
        this.serial = new SerialExecutor(executor);
        this.timer = timer;
        this.settleMillis = settleMillis;
    }

    /** Schedules a publication of a fresh snapshot after the settle delay. */
    public void changed() {
        if (!dirty.compareAndSet(false, true)) {
            return;
        }
        if (settleMillis == 0) {
            serial.execute(this::publish);
            return;
        }
        try {
            timer.schedule(() -> serial.execute(this::publish), settleMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
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

    private void publish() {
        // cleared before the snapshot is taken, so a change during it schedules another publication
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
