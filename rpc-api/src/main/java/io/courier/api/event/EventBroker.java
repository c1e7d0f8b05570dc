package io.courier.api.event;

import java.util.List;

/**
 * A connection to an event broker: where {@link EventPublisher}s and {@link Subscription}s come
 * from. Made by an {@link EventBrokerFactory} (see {@link EventBrokers#open}); the caller owns it
 * and closes it, which closes every subscription it started (gracefully) and its publishers.
 * Thread-safe.
 */
public interface EventBroker extends AutoCloseable {

    /**
     * The publisher of {@code eventType} events on {@code topic}; the same instance for the same
     * topic and type. The topic is created on first use when the broker allows it (see
     * docs/events.md for the defaults).
     *
     * @throws IllegalArgumentException if {@code topic} is not a valid topic name
     * @throws IllegalStateException if the broker is closed
     */
    <E> EventPublisher<E> publisher(String topic, Class<E> eventType);

    /**
     * Starts a subscription: {@link SubscriptionOptions#concurrency()} members of the consumer
     * group {@link SubscriptionOptions#group()}, handing events to {@code handler} at least once.
     * Returns once the consumers are started, not when they have joined the group.
     *
     * @throws IllegalStateException if the broker is closed
     */
    <E> Subscription subscribe(SubscriptionOptions<E> options, EventHandler<E> handler);

    /**
     * Subscribes every method of {@code bean} annotated with {@link Subscribe} (see there for the
     * signatures allowed).
     *
     * @throws IllegalArgumentException naming the method if one has a signature {@link Subscribe}
     *     does not allow; nothing is subscribed then
     */
    default List<Subscription> subscribeAnnotated(Object bean) {
        return AnnotatedSubscribers.subscribe(this, bean);
    }

    /** Closes every subscription (gracefully, 30 seconds each at most) and the publishers. Idempotent. */
    @Override
    void close();
}
