package io.courier.registry.zookeeper.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Publishes snapshots of a changing state to sinks, one publication at a time and in order. A burst
 * of {@link #changed()} calls becomes one publication; a snapshot equal to the last published one is
 * not published again; a null snapshot means "nothing to publish, keep the last one".
 *
 * <p>Thread-safe. Sinks run on {@code executor}'s threads, one at a time, and must be quick.
 *
 * @param <S> the snapshot type
 */
public final class Publisher<S> {

    private final Supplier<S> snapshot;
    private final SerialExecutor serial;
    private final AtomicBoolean dirty = new AtomicBoolean();
    // confined to serial
    private final List<Consumer<S>> sinks = new ArrayList<>();
    private S current;

    public Publisher(Executor executor, Supplier<S> snapshot) {
        this.snapshot = snapshot;
        this.serial = new SerialExecutor(executor);
    }

    /** Schedules a publication of a fresh snapshot. */
    public void changed() {
        if (dirty.compareAndSet(false, true)) {
            serial.execute(this::publish);
        }
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
