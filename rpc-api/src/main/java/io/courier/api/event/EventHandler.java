package io.courier.api.event;

/**
 * Handles the events of one subscription. Called on the subscription's own threads, one event at
 * a time per partition, so events with one key arrive one after another and in order; with a
 * {@link SubscriptionOptions#concurrency()} above 1 the handler is called from that many threads
 * at once (for different partitions) and must be thread-safe.
 *
 * <p>Returning normally acknowledges the event: its offset is committed after it. Throwing asks
 * for a retry after the backoff, up to {@link SubscriptionOptions#maxAttempts()}; after the last
 * attempt, or at once for {@link UnprocessableEventException}, the event goes to the dead-letter
 * topic with the reason in its headers and the partition moves on. A handler may be called again
 * for an event it already handled (after a crash or a rebalance, before the commit): wrap it in
 * {@link IdempotentHandler} when effects must happen once.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E> {

    /**
     * Handles one event.
     *
     * @throws Exception to ask for a retry (or, for {@link UnprocessableEventException}, for the
     *     dead-letter topic at once)
     */
    void handle(Event<E> event) throws Exception;
}
