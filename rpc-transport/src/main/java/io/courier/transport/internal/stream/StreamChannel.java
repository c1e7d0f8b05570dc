package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.frame.StreamFrames;
import io.courier.protocol.internal.Header;
import io.courier.transport.internal.channel.ChannelBytes;
import io.courier.transport.internal.channel.OutboundQueue;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The stream frames' way out of one connection: encodes control frames, queues every frame on an
 * {@link OutboundQueue} (flushed once per event-loop turn) and keeps the bytes queued for the
 * connection's streams in the gauges. Thread-safe.
 */
public final class StreamChannel {

    private final Channel channel;
    private final OutboundQueue outbound;
    private final StreamFrames frames;
    private final StreamGauges gauges;
    private final AtomicLong queued = new AtomicLong();

    public StreamChannel(Channel channel, OutboundQueue outbound, StreamFrames frames, StreamGauges gauges) {
        this.channel = channel;
        this.outbound = outbound;
        this.frames = frames;
        this.gauges = gauges;
    }

    Channel channel() {
        return channel;
    }

    StreamFrames frames() {
        return frames;
    }

    StreamGauges gauges() {
        return gauges;
    }

    /** Queues an encoded frame; the queue releases it if the connection cannot take it. */
    void send(ByteBuf frame) {
        send(frame, false, null);
    }

    /** Queues an encoded message frame, counted with its payload (the frame past its header and kind byte). */
    void sendMessage(ByteBuf frame) {
        gauges.sent(frame.readableBytes() - Header.LENGTH - 1);
        send(frame);
    }

    /**
     * Queues an encoded frame; {@code open} frames are dropped by a connection that is going away,
     * and {@code dropped} (may be null) hears why a frame was not written.
     */
    void send(ByteBuf frame, boolean open, Consumer<ErrorCode> dropped) {
        outbound.enqueue(new StreamOut(frame, queued, open, dropped));
        gauges.queued(queued.get() + ChannelBytes.queued(channel));
    }

    void signal(long streamId, StreamFrameKind kind) {
        send(frames.signal(channel.alloc(), streamId, kind));
    }

    void window(long streamId, int credit) {
        send(frames.window(channel.alloc(), streamId, credit));
    }

    void error(long streamId, RpcException error) {
        send(frames.error(channel.alloc(), streamId, error));
    }
}
