package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.transport.internal.channel.Outbound;
import io.courier.transport.internal.channel.OutboundQueue;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An encoded stream frame in an {@link OutboundQueue}: counted in its connection's queued stream
 * bytes until it is handed to the channel. An open frame is a {@linkplain #request() request}, so a
 * connection that is going away drops it; {@code onDropped} then tells the stream.
 */
public final class StreamOut implements Outbound {

    private ByteBuf frame;
    private final int bytes;
    private final AtomicLong queued;
    private final boolean open;
    private final Consumer<ErrorCode> dropped;

    StreamOut(ByteBuf frame, AtomicLong queued, boolean open, Consumer<ErrorCode> dropped) {
        this.frame = frame;
        this.bytes = frame.readableBytes();
        this.queued = queued;
        this.open = open;
        this.dropped = dropped;
        queued.addAndGet(bytes);
    }

    @Override
    public boolean request() {
        return open;
    }

    @Override
    public Object message() {
        ByteBuf out = frame;
        frame = null;
        return out;
    }

    @Override
    public void onWritten() {
        queued.addAndGet(-bytes);
    }

    @Override
    public void onDropped(ErrorCode reason) {
        queued.addAndGet(-bytes);
        ByteBuf out = frame;
        frame = null;
        if (out != null) {
            out.release();
        }
        if (dropped != null) {
            dropped.accept(reason);
        }
    }
}
