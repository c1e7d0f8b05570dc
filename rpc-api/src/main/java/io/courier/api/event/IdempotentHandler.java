package io.courier.api.event;

import java.util.Objects;

/**
 * The idempotent consumer: an {@link EventHandler} that hands an event to the wrapped handler only
 * if its id is not in a {@link ProcessedEvents} store, and adds the id after the handler returns.
 * Delivery stays at least once; with this helper a redelivered event (after a crash, a rebalance or
 * a replay) has its effects once, as long as the store still remembers it (its window) and the
 * process did not die between the effect and {@link ProcessedEvents#add} (a store written in the
 * effect's own transaction closes that gap). An event that fails is not added, so its retry runs.
 *
 * <p>Thread-safe if the wrapped handler and the store are. One event id is never handled by two
 * threads of one subscription at once, since one partition is handled by one thread.
 *
 * @param <E> the event type
 */
public final class IdempotentHandler<E> implements EventHandler<E> {

    private final EventHandler<E> handler;
    private final ProcessedEvents store;

    private IdempotentHandler(EventHandler<E> handler, ProcessedEvents store) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** {@code handler}, de-duplicated by event id through {@code store}. */
    public static <E> IdempotentHandler<E> of(EventHandler<E> handler, ProcessedEvents store) {
        return new IdempotentHandler<>(handler, store);
    }

    @Override
    public void handle(Event<E> event) throws Exception {
        if (store.contains(event.id())) {
            return;
        }
        handler.handle(event);
        store.add(event.id(), event.time());
    }
}
