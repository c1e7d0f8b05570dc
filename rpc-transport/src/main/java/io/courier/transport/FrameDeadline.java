package io.courier.transport;

import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time a peer has to finish a frame it began, for the decoders of the protocols served on the
 * provider's port: armed at a frame's first bytes, disarmed when the frame is whole, and when it passes
 * the connection is closed, so that a peer that trickles holds no buffer and no connection for long.
 * One per connection; used on its event loop only.
 */
public final class FrameDeadline {

    private static final Logger log = LoggerFactory.getLogger(FrameDeadline.class);

    private final String protocol;
    private final long millis;
    private ScheduledFuture<?> pending;

    /** @param protocol the protocol's name, for the log line */
    public FrameDeadline(String protocol, long millis) {
        this.protocol = protocol;
        this.millis = millis;
    }

    /** A frame has begun: its rest must arrive within the deadline (no-op if one is already running). */
    public void arm(ChannelHandlerContext ctx) {
        if (pending == null) {
            pending = ctx.executor().schedule(() -> expire(ctx), millis, TimeUnit.MILLISECONDS);
        }
    }

    /** The frame is whole, or the connection is gone. */
    public void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        log.debug(
                "{} peer {} took over {} ms to send a frame; closing",
                protocol,
                ctx.channel().remoteAddress(),
                millis);
        ctx.close();
    }
}
