package io.courier.protocol.frame;

/**
 * The cancel event (event type 2): the consumer no longer waits for the answer to its request
 * {@code cancelledId} on this connection, e.g. because another attempt of a hedged call answered
 * first. A provider that has not started running the request drops it unanswered; one that has
 * started or answered ignores the event. Like every event it is one-way and advisory, and a peer
 * that does not know the type drops it, so it needs no negotiation (docs/protocol.md, section 5).
 * The header's request id is 0, as in every event; the cancelled id travels in the body.
 *
 * @param cancelledId the id of the request the sender abandons
 */
public record CancelRequest(long cancelledId) implements InboundFrame, OutboundFrame {

    /** The event body's length: the type byte and the cancelled request id (u64, big-endian). */
    public static final int BODY_LENGTH = 9;

    @Override
    public long requestId() {
        return 0;
    }
}
