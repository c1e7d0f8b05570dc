package io.courier.core.concurrent;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands the latest of a stream of full snapshots to a consumer, one call at a time: while a call is
 * running, newer snapshots replace older undelivered ones, so a slow consumer skips stale lists
 * instead of queueing them. Because every value is a complete snapshot, skipping loses nothing.
 * Thread-safe; the consumer runs on {@code executor}, which must run tasks one at a time.
 *
 * @param <T> the snapshot type
 */
public final class Mailbox<T> implements Consumer<T> {

    private final AtomicReference<T> pending = new AtomicReference<>();
    private final Executor executor;
    private final Consumer<T> target;
    private volatile boolean closed;

    public Mailbox(Executor executor, Consumer<T> target) {
        this.executor = executor;
        this.target = target;
    }

    @Override
    public void accept(T snapshot) {
        if (!closed && pending.getAndSet(snapshot) == null) {
            executor.execute(this::drain);
        }
    }

    /** Stops deliveries; a call already running finishes. */
    public void close() {
        closed = true;
        pending.set(null);
    }

    private void drain() {
        T snapshot = pending.getAndSet(null);
        if (snapshot != null && !closed) {
            target.accept(snapshot);
        }
    }
}
