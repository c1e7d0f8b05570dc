package io.courier.protocol.frame;

/**
 * What {@link FrameEncoder} writes: {@link OutboundRequest}, {@link OutboundResponse}, {@link
 * Heartbeat} or {@link GoingAway}. Outbound frames hold no buffers; nothing needs releasing.
 */
public sealed interface OutboundFrame permits OutboundRequest, OutboundResponse, Heartbeat, GoingAway {

    /** The request id written in the header (0 for events). */
    long requestId();
}
