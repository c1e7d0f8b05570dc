package io.courier.dubbo.internal;

import io.courier.transport.FrameDeadline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a Dubbo connection's bytes into {@link DubboFrame}s. A header that does not start with the
 * magic, or declares a body longer than the limit, ends the connection before anything of it is
 * buffered (a two-way request hears {@code BAD_REQUEST} first); a frame whose rest does not arrive
 * within the frame deadline of its first byte ends it too, so a peer that trickles holds no
 * connection for long.
 */
public final class DubboFrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(DubboFrameDecoder.class);

    private final int maxBodyBytes;
    private final FrameDeadline deadline;
    private boolean refused;

    public DubboFrameDecoder(int maxBodyBytes, long frameDeadlineMillis) {
        this.maxBodyBytes = maxBodyBytes;
        this.deadline = new FrameDeadline("Dubbo", frameDeadlineMillis);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < DubboFrames.HEADER_LENGTH) {
            deadline.arm(ctx);
            return;
        }
        int start = in.readerIndex();
        if (in.getShort(start) != DubboFrames.MAGIC) {
            refuse(ctx, in, null, "no Dubbo magic at the start of a frame");
            return;
        }
        byte flags = in.getByte(start + 2);
        long id = in.getLong(start + 4);
        int length = in.getInt(start + 12);
        if (length < 0 || length > maxBodyBytes) {
            boolean answer = (flags & DubboFrames.FLAG_REQUEST) != 0 && (flags & DubboFrames.FLAG_TWO_WAY) != 0;
            refuse(
                    ctx,
                    in,
                    answer ? Long.valueOf(id) : null,
                    "body of " + Integer.toUnsignedString(length) + " bytes (expected: at most " + maxBodyBytes
                            + ", courier.dubbo.max-body-bytes)");
            return;
        }
        if (in.readableBytes() < DubboFrames.HEADER_LENGTH + length) {
            deadline.arm(ctx);
            return;
        }
        deadline.disarm();
        in.skipBytes(DubboFrames.HEADER_LENGTH);
        byte[] body = ByteBufUtil.getBytes(in, in.readerIndex(), length);
        in.skipBytes(length);
        out.add(new DubboFrame(flags, in.getByte(start + 3), id, body));
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, Long answerTo, String reason) {
        refused = true;
        deadline.disarm();
        in.skipBytes(in.readableBytes());
        log.debug("Dubbo frame from {} refused: {}", ctx.channel().remoteAddress(), reason);
        if (answerTo == null) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(DubboResponses.error(ctx.alloc(), answerTo, DubboFrames.BAD_REQUEST, reason))
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
