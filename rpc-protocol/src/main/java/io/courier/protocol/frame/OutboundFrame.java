package io.courier.protocol.frame;

/**
 * What {@link FrameEncoder} writes: {@link OutboundRequest}, {@link OutboundResponse}, {@link
 * Heartbeat}, {@link GoingAway} or {@link CancelRequest}. Outbound frames hold no buffers; nothing needs releasing.
 */
public sealed interface OutboundFrame permits OutboundRequest, OutboundResponse, Heartbeat, GoingAway, CancelRequest {

    /** The request id written in the header (0 for events). */
    long requestId();
}
