package io.courier.api.event;

import java.time.Instant;

/**
 * The store of an {@link IdempotentHandler}: the ids of the events whose effects have happened.
 * {@link BoundedProcessedEvents} keeps them in memory; a store that must survive the process (so
 * that a redelivery after a crash is recognised) keeps them where the handler's effects are, e.g. a
 * table with the id as its primary key written in the same transaction as the effect: then effects
 * happen exactly once even across a crash. Implementations are thread-safe.
 */
public interface ProcessedEvents {

    /** Whether the effects of event {@code eventId} already happened (within the store's window). */
    boolean contains(String eventId);

    /**
     * Records that the effects of event {@code eventId}, published at {@code eventTime}, happened.
     * Called after the handler returned normally.
     */
    void add(String eventId, Instant eventTime);
}
