package io.courier.transport.internal.server;

import io.courier.protocol.internal.Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off a peer that takes longer than the deadline to deliver a frame it started: one that
 * trickles bytes, or sends part of a header and waits. Such peers would otherwise pin a connection
 * slot and a partial buffer each for as long as they like.
 *
 * <p>Sits before the frame decoder and follows frame boundaries itself (the fixed header and its
 * body length field) without copying or consuming anything; the decoder still validates every
 * frame. While a frame is incomplete the clock runs from the read that brought its first byte
 * (a frame that arrives whole in one read never reads the clock). One instance per
 * connection; used on its event loop only.
 */
public final class FrameDeadlineHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(FrameDeadlineHandler.class);

    private final long deadlineNanos;
    private final LongSupplier clock;
    /** Header bytes of the current frame seen so far, 0 to {@link Header#LENGTH}. */
    private int headerSeen;
    /** The body length field, assembled byte by byte while the header arrives. */
    private long bodyLength;
    /** Body bytes still to come once the header is complete. */
    private long bodyLeft;
    /** Whether a frame has begun and not completed. */
    private boolean assembling;
    /** When the frame being assembled began. */
    private long assemblingSince;

    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> check;

    public FrameDeadlineHandler(long deadlineMillis) {
        this(deadlineMillis, System::nanoTime);
    }

    /** With {@code clock} in place of {@link System#nanoTime()}, for tests. */
    FrameDeadlineHandler(long deadlineMillis, LongSupplier clock) {
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        this.clock = clock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            track(bytes);
        }
        ctx.fireChannelRead(msg);
    }

    private void track(ByteBuf bytes) {
        int index = bytes.readerIndex();
        int end = bytes.writerIndex();
        // Whether the frame being assembled, if any, began in this read: only a frame still
        // incomplete when the read ends needs the time it began, so most frames cost no clock.
        boolean begunHere = false;
        while (index < end) {
            if (!assembling) {
                assembling = true;
                begunHere = true;
                if (end - index >= Header.LENGTH) {
                    // The whole header is here, as it almost always is: its length field at once.
                    bodyLeft = bytes.getUnsignedInt(index + Header.BODY_LENGTH_OFFSET);
                    headerSeen = Header.LENGTH;
                    index += Header.LENGTH;
                }
            }
            if (headerSeen < Header.LENGTH) {
                if (headerSeen >= Header.BODY_LENGTH_OFFSET) {
                    bodyLength = bodyLength << 8 | bytes.getUnsignedByte(index);
                }
                index++;
                if (++headerSeen == Header.LENGTH) {
                    bodyLeft = bodyLength;
                    bodyLength = 0;
                } else {
                    continue;
                }
            }
            long take = Math.min(bodyLeft, end - index);
            index += (int) take;
            bodyLeft -= take;
            if (bodyLeft == 0) {
                // A complete frame; the next byte, if any, starts a new one.
                headerSeen = 0;
                assembling = false;
            }
        }
        if (assembling && begunHere) {
            assemblingSince = clock.getAsLong();
            scheduleCheck(deadlineNanos);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        ctx.fireChannelInactive();
    }

    private void scheduleCheck(long delayNanos) {
        if (check == null) {
            check = ctx.executor().schedule(this::checkDeadline, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkDeadline() {
        check = null;
        if (!assembling || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            // We stopped reading (back-pressure): the delay is ours, not the peer's.
            assemblingSince = clock.getAsLong();
            scheduleCheck(deadlineNanos);
            return;
        }
        long elapsed = clock.getAsLong() - assemblingSince;
        if (elapsed >= deadlineNanos) {
            log.debug(
                    "closing {}: frame incomplete after {} ms ({} of {} header bytes, {} body bytes missing)",
                    ctx.channel(),
                    TimeUnit.NANOSECONDS.toMillis(elapsed),
                    headerSeen,
                    Header.LENGTH,
                    bodyLeft);
            ctx.close();
        } else {
            scheduleCheck(deadlineNanos - elapsed);
        }
    }
}
