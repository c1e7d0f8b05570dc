package io.courier.api.event;

import java.util.Objects;

/**
 * What an {@link EventBroker} can do beyond the promises every broker keeps (publish with an
 * acknowledgement, at-least-once delivery with the acknowledgement after handling, consumer groups,
 * retries then a dead-letter destination, pause and resume, the strict allow-list, trace context).
 * A broker declares what it has in {@link EventBroker#capabilities()}; a call that needs a capability
 * the broker lacks fails with the exception {@link #refusedBy} makes, naming the broker, the
 * capability and why, and does nothing else: a capability is never ignored silently.
 *
 * <p>The events contract (rpc-api's test-jar) checks each capability a broker declares, and the
 * refusal of each one it does not.
 */
public enum EventCapability {

    /**
     * {@link Subscription#replayFromOffset}: read a partition again from a position, which needs a
     * broker that keeps events after they are acknowledged and numbers them.
     */
    REPLAY_FROM_POSITION("replay from a position"),

    /**
     * {@link Subscription#replayFrom(java.time.Instant)}: read again from the first event published
     * at or after a time, which needs a broker that keeps events and indexes them by time.
     */
    REPLAY_FROM_TIME("replay from a time"),

    /**
     * Order per key across a group's members: a subscription with {@link
     * SubscriptionOptions#concurrency()} above 1 (and several processes of one group) still hands
     * each key's events to the handler one at a time, in publishing order. A broker whose members
     * compete for one queue cannot, and refuses a concurrency above 1; order per key then holds for a
     * group of one member.
     */
    ORDER_PER_KEY_ACROSS_MEMBERS("keep order per key across a group's members");

    private final String action;

    EventCapability(String action) {
        this.action = action;
    }

    /** What the capability lets a caller do, in words ("replay from a time"). */
    public String action() {
        return action;
    }

    /**
     * The exception a broker throws when asked for this capability, which it lacks: {@code "<broker>
     * cannot replay from a time: <why> (docs/events.md#brokers)"}.
     *
     * @param broker the broker's name, as {@code courier.events.broker} names it ({@code amqp})
     * @param why why the broker cannot, in its own terms
     */
    public UnsupportedOperationException refusedBy(String broker, String why) {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(why, "why");
        return new UnsupportedOperationException(
                broker + " cannot " + action + ": " + why + " (docs/events.md#brokers)");
    }
}
