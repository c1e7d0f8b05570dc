package io.courier.protocol.frame;

/**
 * The going-away event: the sender is shutting down and will accept no new request on this
 * connection; requests already received are still answered. A consumer stops choosing the
 * connection at once and lets it drain. Events are one-way and carry request id 0.
 */
public record GoingAway() implements InboundFrame, OutboundFrame {

    public static final GoingAway INSTANCE = new GoingAway();

    @Override
    public long requestId() {
        return 0;
    }
}
