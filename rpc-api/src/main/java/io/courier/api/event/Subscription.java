package io.courier.api.event;

import java.time.Duration;
import java.time.Instant;

/**
 * A running subscription: one consumer group member per {@link SubscriptionOptions#concurrency()}
 * reading one topic and handing its events to one {@link EventHandler}. Returned by {@link
 * EventBroker#subscribe}; the caller owns it and closes it (closing the broker closes it too).
 * Every method is thread-safe and returns without waiting for the consumers, except {@link
 * #close()}.
 */
public interface Subscription extends AutoCloseable {

    /** The options it was started with. */
    SubscriptionOptions<?> options();

    /**
     * Stops handing out events after the one being handled (which finishes, with its retries);
     * what was handled is committed, and the rest is fetched again on {@link #resume()}. The group
     * membership is kept, so the partitions stay here.
     */
    void pause();

    /** Fetches events again after {@link #pause()}; does nothing if not paused. */
    void resume();

    /** Whether {@link #pause()} was called last. */
    boolean paused();

    /**
     * How many events this subscription holds in this process now: received from the broker and not
     * finished yet (handled and acknowledged, or dead-lettered), the ones being handled included. It
     * stays bounded however slow the handler is, because the broker sends more only as events are
     * finished: {@code max-poll-records} per member on Kafka, one unacknowledged event per partition on
     * NATS JetStream, the prefetch of one on RabbitMQ (docs/events.md, "A slow subscriber"). What waits
     * beyond that stays in the broker, as lag.
     */
    int buffered();

    /**
     * Reads partition {@code partition} again from {@code offset}, if this member holds it now
     * (else nothing happens: the member holding it continues where the group committed). Events
     * already handled are delivered again: a replay is a redelivery, and an {@link IdempotentHandler}
     * skips the ones it remembers.
     *
     * @throws IllegalArgumentException if {@code partition} or {@code offset} is negative
     * @throws UnsupportedOperationException if the broker lacks {@link
     *     EventCapability#REPLAY_FROM_POSITION}, saying why
     */
    void replayFromOffset(int partition, long offset);

    /**
     * Reads every partition this subscription holds again from the first event published at or
     * after {@code time} (or from the end of a partition with no such event).
     *
     * @throws UnsupportedOperationException if the broker lacks {@link
     *     EventCapability#REPLAY_FROM_TIME}, saying why
     */
    void replayFrom(Instant time);

    /**
     * Stops gracefully within {@code timeout}: stops polling, lets the events being handled finish,
     * commits what was handled and leaves the group, so its partitions move to the other members at
     * once instead of after the session timeout. Idempotent.
     *
     * @return whether every consumer stopped within {@code timeout}; those that did not are
     *     abandoned to the broker's session timeout
     */
    boolean close(Duration timeout);

    /** {@link #close(Duration)} with 30 seconds. */
    @Override
    default void close() {
        close(Duration.ofSeconds(30));
    }
}
