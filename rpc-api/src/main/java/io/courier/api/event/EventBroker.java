package io.courier.api.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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

    /**
     * What the broker shows its operators now: its topics with their offsets, its subscriptions with
     * their groups' lag per partition and their counts (see {@link BrokerSnapshot}). Asks the brokers,
     * waiting at most {@code timeout}; what they did not answer in time is missing and {@link
     * BrokerSnapshot#error()} says why. Never opens anything the broker did not use already: a topic
     * appears once a publisher or subscription used it.
     *
     * <p>The default knows nothing and says so in {@link BrokerSnapshot#error()}.
     */
    default BrokerSnapshot snapshot(Duration timeout) {
        return new BrokerSnapshot(
                getClass().getName(),
                Instant.now(),
                "this broker does not describe its topics and groups",
                List.of(),
                List.of());
    }

    /**
     * What this broker can do beyond the promises every broker keeps ({@link EventCapability}). A
     * call needing a capability missing here fails with {@link EventCapability#refusedBy}'s exception.
     * The default declares none; a broker declares what it has.
     */
    default Set<EventCapability> capabilities() {
        return Set.of();
    }

    /** Closes every subscription (gracefully, 30 seconds each at most) and the publishers. Idempotent. */
    @Override
    void close();
}
