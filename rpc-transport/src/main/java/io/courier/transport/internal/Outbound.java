package io.courier.transport.internal;

/**
 * A message waiting in an {@link OutboundQueue}: the queue writes {@link #message()} and then calls
 * {@link #written()}, or calls {@link #dropped()} if the connection can no longer take it.
 */
public interface Outbound {

    /** What to write; the queue hands it to the channel, which releases it. */
    Object message();

    /** Called on the event loop once the message was handed to the channel. */
    void written();

    /** Called instead of {@link #written()} when the message cannot be written; releases it. */
    void dropped();
}
