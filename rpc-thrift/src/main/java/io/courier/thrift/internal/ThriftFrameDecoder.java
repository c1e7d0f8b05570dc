package io.courier.thrift.internal;

import io.courier.transport.FrameDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.apache.thrift.TApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a connection's bytes into the framed transport's {@link ThriftFrame}s. A length that is not
 * positive, or over the limit, ends the connection before anything of the frame is buffered (the caller
 * first hears a {@code TApplicationException} saying why, in the protocol the frame's next byte names); a
 * frame whose rest does not arrive within the frame deadline of its first byte ends it too, so a peer that
 * trickles holds no connection for long.
 */
public final class ThriftFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ThriftFrameDecoder.class);

    private final int maxFrameBytes;
    private final FrameDeadline deadline;
    private boolean refused;

    public ThriftFrameDecoder(int maxFrameBytes, long frameDeadlineMillis) {
        this.maxFrameBytes = maxFrameBytes;
        this.deadline = new FrameDeadline("Thrift", frameDeadlineMillis);
    }

    /** Drops whatever arrives from now on: the connection is closing after a refusal. */
    void stop() {
        refused = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 5) {
            deadline.arm(ctx);
            return;
        }
        int start = in.readerIndex();
        int length = in.getInt(start);
        if (length <= 0 || length > maxFrameBytes) {
            refuse(
                    ctx,
                    in,
                    "a frame of " + length + " bytes (expected: 1 to " + maxFrameBytes
                            + ", courier.thrift.max-frame-bytes)");
            return;
        }
        if (in.readableBytes() < 4 + length) {
            deadline.arm(ctx);
            return;
        }
        deadline.disarm();
        byte[] message = ByteBufUtil.getBytes(in, start + 4, length);
        in.skipBytes(4 + length);
        out.add(new ThriftFrame(message));
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        refused = true;
        deadline.disarm();
        ThriftWire wire = ThriftWire.of(in.getByte(in.readerIndex() + 4));
        in.skipBytes(in.readableBytes());
        log.debug("Thrift frame from {} refused: {}", ctx.channel().remoteAddress(), reason);
        if (wire == null) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(ThriftAnswers.application(
                        ctx.alloc(), wire, "", 0, TApplicationException.PROTOCOL_ERROR, reason))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.disarm();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.disarm();
        super.channelInactive(ctx);
    }
}
