package io.courier.transport.internal.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;

/** Reads how many bytes a channel holds for writing, for gauges; safe from any thread. */
public final class ChannelBytes {

    private ChannelBytes() {}

    /** Bytes written to {@code channel} that the socket has not taken yet; 0 once it is closed. */
    public static long queued(Channel channel) {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
