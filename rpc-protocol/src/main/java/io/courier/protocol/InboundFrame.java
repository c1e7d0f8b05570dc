package io.courier.protocol;

/**
 * What {@link FrameDecoder} emits, one object per frame: {@link InboundRequest}, {@link
 * InboundResponse}, {@link Heartbeat} or {@link GoingAway}. Requests and responses hold their body
 * bytes and must be released exactly once by whoever takes them out of the pipeline; heartbeats and
 * events hold nothing.
 */
public sealed interface InboundFrame permits InboundRequest, InboundResponse, Heartbeat, GoingAway {

    /** The request id from the header (0 for events). */
    long requestId();
}
