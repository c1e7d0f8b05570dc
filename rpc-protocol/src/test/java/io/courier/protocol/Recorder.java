package io.courier.protocol;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/** The last handler of a test pipeline: keeps what reached it, frames and exceptions. */
public final class Recorder extends ChannelInboundHandlerAdapter {

    public final List<Object> frames = new ArrayList<>();
    public final List<Throwable> errors = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        frames.add(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
    }

    /** Releases every frame that reached this handler. */
    public void releaseAll() {
        for (Object frame : frames) {
            ReferenceCountUtil.release(frame);
        }
        frames.clear();
    }
}
