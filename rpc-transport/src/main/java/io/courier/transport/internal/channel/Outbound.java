package io.courier.transport.internal.channel;

import io.courier.api.ErrorCode;

/**
 * A message waiting in an {@link OutboundQueue}: the queue writes {@link #message()} and then calls
 * {@link #onWritten()}, or calls {@link #onDropped()} if the connection can no longer take it.
 */
public interface Outbound {

    /** Whether the message is no longer wanted; it is then {@link #onDropped()} instead of written. */
    default boolean abandoned() {
        return false;
    }

    /** Whether this is a request, which a connection that is going away no longer sends. */
    default boolean request() {
        return false;
    }

    /** What to write; the queue hands it to the channel, which releases it. */
    Object message();

    /** Called on the event loop once the message was handed to the channel. */
    void onWritten();

    /**
     * Called instead of {@link #onWritten()} when the message is not written; releases it.
     *
     * @param reason {@link ErrorCode#NETWORK} when the channel is closed, {@link ErrorCode#GOING_AWAY}
     *     when the server announced its shutdown, or {@link ErrorCode#TIMEOUT} when it was abandoned
     */
    void onDropped(ErrorCode reason);
}
