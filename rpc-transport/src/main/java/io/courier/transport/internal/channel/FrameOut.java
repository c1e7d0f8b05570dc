package io.courier.transport.internal.channel;

import io.courier.api.ErrorCode;
import io.courier.protocol.frame.OutboundFrame;

/** A frame without a body buffer (heartbeat, event) for an {@link OutboundQueue}; encoded in the pipeline. */
public record FrameOut(OutboundFrame frame) implements Outbound {

    @Override
    public Object message() {
        return frame;
    }

    @Override
    public void onWritten() {}

    @Override
    public void onDropped(ErrorCode reason) {}
}
