package io.courier.protocol.frame;

/**
 * What {@link FrameDecoder} emits, one object per frame: {@link InboundRequest}, {@link
 * InboundResponse}, {@link InboundStreamFrame}, {@link Heartbeat}, {@link GoingAway} or {@link CancelRequest}. Requests,
 * responses and stream frames hold their body bytes and must be released exactly once by whoever takes them out of the pipeline; heartbeats and
 * events hold nothing.
 */
public sealed interface InboundFrame
        permits InboundRequest, InboundResponse, InboundStreamFrame, Heartbeat, GoingAway, CancelRequest {

    /** The request id from the header (0 for events). */
    long requestId();
}
